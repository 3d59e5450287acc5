namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>One host shared by the tests of a class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    internal ThawHostInstance Host { get; private set; } = null!;

    internal LambdaHttp Lambda => Host.Lambda;

    public async ValueTask InitializeAsync() => Host = await ThawHostInstance.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
