using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson;

namespace Thaw.Lambda.Tests.UserCode;

public static class StaticHandlers
{
    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string Upper(string input, ILambdaContext context) => input.ToUpperInvariant() + ":" + context.AwsRequestId;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static int InputOnly(int value) => value + 1;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string NoArguments() => "none";

    public static Stream StreamEcho(Stream input) => input;

    public static async Task<Stream> StreamAsync(Stream input, ILambdaContext context)
    {
        var copy = new MemoryStream();
        await input.CopyToAsync(copy);
        copy.Write("!"u8);
        copy.Position = 0;
        return copy;
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static async Task<Payload> TypedAsync(Payload input)
    {
        await Task.Yield();
        return new Payload { Name = input.Name + "?", Count = input.Count * 2 };
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static Task TaskOnly(Payload input)
    {
        Seen = input.Name;
        return Task.CompletedTask;
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static void VoidHandler(Payload input, ILambdaContext context) => Seen = input.Name + "/" + context.FunctionName;

    public static string? Seen { get; set; }

    public static string NoSerializer(string input) => input;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string Overloaded(string input) => input;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string Overloaded(int input) => input.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string WrongSecond(string input, string other) => input + other;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static ValueTask<string> ValueTaskHandler(string input) => ValueTask.FromResult(input);

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static async Task<string> ThrowsAsync(string input)
    {
        await Task.Yield();
        throw new TimeoutException("async " + input);
    }

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public static string Throws(string input) => throw new KeyNotFoundException("sync " + input);

    [LambdaSerializer(typeof(string))]
    public static string BadSerializer(string input) => input;
}

public sealed class Payload
{
    public string? Name { get; set; }

    public int Count { get; set; }
}

public sealed class InstanceHandler
{
    private static int _constructed;
    private readonly int _id;

    public InstanceHandler() => _id = Interlocked.Increment(ref _constructed);

    public static int Constructed => _constructed;

    [LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]
    public string Handle(string input, ILambdaContext context) => $"{_id}:{input}";
}

public sealed class ThrowingConstructor
{
    private readonly int _never;

    public ThrowingConstructor() => _never = int.Parse("1", System.Globalization.CultureInfo.InvariantCulture) == 1 ? throw new InvalidOperationException("constructor says no") : 0;

    public Stream InstanceHandle(Stream input) => _never == 0 ? input : input;
}

public static class ThrowingStaticConstructor
{
    private static readonly string Value = Environment.GetEnvironmentVariable("THAW_TEST_NEVER_SET") ?? throw new ArgumentException("static constructor says no");

    public static Stream Handle(Stream input) => Value.Length > 0 ? input : input;
}
