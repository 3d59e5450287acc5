using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw publish</c>: PublishVersion, wait while Pending, show the version and its snapshots.</summary>
public sealed class PublishCommandTests : IAsyncLifetime
{
    private FakeLambdaHost _host = null!;
    private readonly CliHarness _harness = new();

    public async ValueTask InitializeAsync()
    {
        _host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _harness.Environment["THAW_ENDPOINT"] = _host.Endpoint.ToString();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Publishing_a_snapstart_function_waits_for_the_snapshots_and_lists_them()
    {
        _host.AddFunction("probe", snapStart: true);
        _host.PendingPolls = 3;
        _host.Snapshots.Add(Samples.Snapshot("snap-1", "1", "init-1", "02:00:00:00:00:01", "02:00:00:00:00:02"));
        _host.Snapshots.Add(Samples.Snapshot("snap-2", "1", "init-2", "02:00:00:00:00:03", "02:00:00:00:00:04"));

        var run = await _harness.RunAsync("publish", "probe");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions/probe/versions"));
        var polls = _host.RequestsTo("GET", "/2015-03-31/functions/probe/configuration");
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p => Assert.Equal("?Qualifier=1", p.Query));
        Assert.Matches(@"Version\s*│\s*1", run.Out);
        Assert.Matches(@"SnapStart\s*│\s*PublishedVersions \(On\)", run.Out);
        Assert.Contains("Snapshots of version 1 (2)", run.Out, StringComparison.Ordinal);
        Assert.Contains("init-2", run.Out, StringComparison.Ordinal);
        Assert.Contains("Published probe version 1: Active", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_that_fails_exits_1_with_the_reason()
    {
        _host.AddFunction("probe", snapStart: true);
        _host.PendingPolls = 1;
        _host.FailReason = "Init failed: Runtime.ExitError";

        var run = await _harness.RunAsync("publish", "probe");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Failed: Init failed: Runtime.ExitError", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_unknown_function_is_a_ResourceNotFoundException()
    {
        var run = await _harness.RunAsync("publish", "nothing");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ResourceNotFoundException", run.Error, StringComparison.Ordinal);
    }
}
