using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Insights;

/// <summary>One store with a generated Lambda log group, shared by the query tests of a class.</summary>
public sealed class LambdaDatasetFixture : IAsyncLifetime
{
    public const string Group = "/aws/lambda/probe";
    public const long Start = 1_796_342_400_000; // 2026-12-04T00:00:00Z

    internal TempStore Temp { get; private set; } = null!;

    internal LambdaLogGenerator Data { get; } = new LambdaLogGenerator(seed: 4242).Generate(environments: 40, invocationsPerEnvironment: 6, startMs: Start);

    public async ValueTask InitializeAsync()
    {
        Temp = await TempStore.CreateAsync();
        await Data.WriteAsync(Temp.Store, Group);
    }

    public async ValueTask DisposeAsync() => await Temp.DisposeAsync();
}
