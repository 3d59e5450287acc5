using System.Text;
using Microsoft.Extensions.Time.Testing;
using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.Logging;
using Thaw.Lambda.RuntimeSupport.UserCode;

namespace Thaw.Lambda.Tests.UserCode;

public sealed class HandlerResolutionTests
{
    internal const string Assembly = "Thaw.Lambda.Tests";

    private static UserCodeLoader Loader(string type, string method) =>
        new($"{Assembly}::Thaw.Lambda.Tests.UserCode.{type}::{method}", AppContext.BaseDirectory, _ => typeof(StaticHandlers).Assembly);

    private static async Task<string> InvokeAsync(UserCodeLoader loader, string payload)
    {
        var environment = LambdaEnvironment.FromDictionary(new Dictionary<string, string?> { ["AWS_LAMBDA_FUNCTION_NAME"] = "fn" });
        var time = new FakeTimeProvider();
        var logger = new LambdaConsoleLogger(new LambdaLogFormatter(TextWriter.Null, time, environment));
        var context = new LambdaContext(environment, time, logger, "req-1", 0);
        using var request = new InvocationRequest(new MemoryStream(Encoding.UTF8.GetBytes(payload)), context);
        var response = await loader.InvokeAsync(request);
        using var reader = new StreamReader(response.OutputStream);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<string> RunAsync(string type, string method, string payload)
    {
        var loader = Loader(type, method);
        loader.Init();
        return await InvokeAsync(loader, payload);
    }

    [Theory]
    [InlineData("Upper", "\"abc\"", "\"ABC:req-1\"")]
    [InlineData("InputOnly", "41", "42")]
    [InlineData("NoArguments", "{\"ignored\":true}", "\"none\"")]
    [InlineData("StreamEcho", "raw bytes, not JSON", "raw bytes, not JSON")]
    [InlineData("StreamAsync", "raw", "raw!")]
    [InlineData("TypedAsync", "{\"name\":\"n\",\"count\":2}", "{\"Name\":\"n?\",\"Count\":4}")]
    [InlineData("TaskOnly", "{\"Name\":\"t\"}", "")]
    public async Task Supported_signatures_resolve_and_run(string method, string payload, string expected) =>
        Assert.Equal(expected, await RunAsync("StaticHandlers", method, payload));

    [Fact]
    public async Task Void_handler_runs_with_context_and_answers_an_empty_body()
    {
        Assert.Equal(string.Empty, await RunAsync("StaticHandlers", "VoidHandler", "{\"Name\":\"v\"}"));
        Assert.Equal("v/fn", StaticHandlers.Seen);
    }

    [Fact]
    public async Task Instance_handler_is_constructed_once_during_init_and_reused()
    {
        var loader = Loader("InstanceHandler", "Handle");
        var before = InstanceHandler.Constructed;
        loader.Init();
        Assert.Equal(before + 1, InstanceHandler.Constructed);

        var first = await InvokeAsync(loader, "\"a\"");
        var second = await InvokeAsync(loader, "\"b\"");

        Assert.Equal(before + 1, InstanceHandler.Constructed);
        Assert.Equal($"\"{before + 1}:a\"", first);
        Assert.Equal($"\"{before + 1}:b\"", second);
    }

    [Fact]
    public void A_throwing_constructor_surfaces_the_users_exception_during_init()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loader("ThrowingConstructor", "InstanceHandle").Init());
        Assert.Equal("constructor says no", error.Message);
    }

    [Fact]
    public void A_throwing_static_constructor_surfaces_the_users_exception_during_init()
    {
        var error = Assert.Throws<ArgumentException>(() => Loader("ThrowingStaticConstructor", "Handle").Init());
        Assert.Equal("static constructor says no", error.Message);
    }

    [Fact]
    public async Task Handler_exceptions_are_not_wrapped_in_TargetInvocationException()
    {
        var sync = Loader("StaticHandlers", "Throws");
        sync.Init();
        var syncError = await Assert.ThrowsAsync<KeyNotFoundException>(() => InvokeAsync(sync, "\"x\""));
        Assert.Equal("sync x", syncError.Message);

        var async = Loader("StaticHandlers", "ThrowsAsync");
        async.Init();
        var asyncError = await Assert.ThrowsAsync<TimeoutException>(() => InvokeAsync(async, "\"y\""));
        Assert.Equal("async y", asyncError.Message);
    }

    [Theory]
    [InlineData("no-separators-but-dots.dll::x", "Invalid handler format")]
    [InlineData("A::B", "Invalid handler format")]
    [InlineData("A::B::C::D", "Invalid handler format")]
    [InlineData("Missing::T::M", "Could not find the specified handler assembly with the file name 'Missing.dll'")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.Nope::M", "Unable to find type 'Thaw.Lambda.Tests.UserCode.Nope'")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::Nope", "Unable to find method 'Nope'")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::Overloaded", "is overloaded")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::WrongSecond", "must be Thaw.Lambda.Core.ILambdaContext")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::ValueTaskHandler", "return Task or Task<T> instead")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::NoSerializer", "should be annotated with Thaw.Lambda.Core.LambdaSerializerAttribute")]
    [InlineData(Assembly + "::Thaw.Lambda.Tests.UserCode.StaticHandlers::BadSerializer", "does not implement Thaw.Lambda.Core.ILambdaSerializer")]
    public void Bad_handlers_fail_init_with_a_validation_error(string handler, string message)
    {
        var loader = new UserCodeLoader(handler, AppContext.BaseDirectory, _ => typeof(StaticHandlers).Assembly);
        var error = Assert.Throws<LambdaValidationException>(loader.Init);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
