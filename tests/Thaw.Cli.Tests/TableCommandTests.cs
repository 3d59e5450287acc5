using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw functions</c>, <c>envs</c> and <c>snapshots</c> render what the host returns as tables.</summary>
public sealed class TableCommandTests : IAsyncLifetime
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
    public async Task Functions_shows_runtime_memory_snapstart_and_the_thaw_settings()
    {
        _host.AddFunction("zeta", "provided.al2023");
        var probe = _host.AddFunction("probe", "dotnet10", snapStart: true);
        probe["ThawSnapshotCount"] = 10;
        probe["ThawNetworkIdentity"] = "regenerate";

        var run = await _harness.RunAsync("functions");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        var probeLine = Assert.Single(lines, l => l.Contains("probe", StringComparison.Ordinal));
        Assert.Matches(@"probe\s*│\s*dotnet10\s*│\s*128 MB\s*│\s*3 s\s*│\s*PublishedVersions \(Off\)\s*│\s*10\s*│\s*regenerate\s*│\s*Active\s*│\s*2026-12-04 16:00:00Z", probeLine);
        Assert.True(Array.FindIndex(lines, l => l.Contains("probe", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.Contains("zeta", StringComparison.Ordinal)), "sorted by name");
    }

    [Fact]
    public async Task Functions_without_any_says_how_to_deploy()
    {
        var run = await _harness.RunAsync("functions");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No functions", run.Out, StringComparison.Ordinal);
        Assert.Contains("thaw deploy", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envs_shows_identity_lineage_and_times()
    {
        _host.Environments.Add(Samples.Environment("env-restored-0001", "3", "snap-aaaaaaaaaaaaaaaa", "02:00:00:00:00:01", "02:00:00:00:00:02"));
        _host.Environments.Add(Samples.Environment("env-ondemand-0002", "$LATEST", null, "02:00:00:00:00:03", "02:00:00:00:00:04"));

        var run = await _harness.RunAsync("envs");

        Assert.True(run.ExitCode == 0, run.ToString());
        var restored = Assert.Single(run.Out.Split('\n'), l => l.Contains("env-restored", StringComparison.Ordinal));
        Assert.Matches(@"env-restored\s*│\s*probe\s*│\s*3\s*│\s*Idle\s*│\s*4242\s*│\s*telemetry1_sb=02:00:00:00:00:01\s*│\s*snap-aaaaaaa\s*│\s*snap-start\s*│\s*2026-12-04 16:01:02Z\s*│\s*2026-12-04 16:00:00Z", restored);
        Assert.Contains("vinternal_1=02:00:00:00:00:02", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("lo=", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"env-ondemand\s*│\s*probe\s*│\s*\$LATEST\s*│\s*Idle\s*│\s*4242\s*│\s*telemetry1_sb=02:00:00:00:00:03\s*│\s*-\s*│\s*on-demand", run.Out);
    }

    [Fact]
    public async Task Envs_filters_by_function_and_version()
    {
        _host.Environments.Add(Samples.Environment("env-three", "3", "snap-a", "02:00:00:00:00:01", "02:00:00:00:00:02"));
        _host.Environments.Add(Samples.Environment("env-four", "4", "snap-b", "02:00:00:00:00:03", "02:00:00:00:00:04"));

        var run = await _harness.RunAsync("envs", "--function", "probe:4");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("env-four", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("env-three", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_shows_the_init_each_came_from()
    {
        _host.Snapshots.Add(Samples.Snapshot("snap-one-xxxxxxxx", "2", "init-env-1", "02:aa:00:00:00:01", "02:aa:00:00:00:02", restores: 5));
        _host.Snapshots.Add(Samples.Snapshot("snap-old-xxxxxxxx", "1", "init-env-0", "02:bb:00:00:00:01", "02:bb:00:00:00:02"));

        var run = await _harness.RunAsync("snapshots", "probe:2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("?Qualifier=2", Assert.Single(_host.RequestsTo("GET", "/thaw/v1/functions/probe/snapshots")).Query);
        Assert.Matches(@"snap-one-xxx\s*│\s*2\s*│\s*Ready\s*│\s*init-env-1\s*│\s*2026/12/04/\[2\]init-env-1\s*│\s*telemetry1_sb=02:aa:00:00:00:01\s*│\s*841.67 ms\s*│\s*50.0 MiB\s*│\s*2026-12-04 16:00:00Z\s*│\s*-\s*│\s*5", run.Out);
        Assert.DoesNotContain("snap-old", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_without_any_explains_when_they_are_made()
    {
        var run = await _harness.RunAsync("snapshots", "probe");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--snap-start", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Assert.Single(_host.RequestsTo("GET", "/thaw/v1/functions/probe/snapshots")).Query);
    }
}
