using System.Text.Json.Nodes;
using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary>
/// <c>thaw demo</c> against a fake host: the sequence of wire calls (deploy with SnapStart and K snapshots, publish,
/// N concurrent front-door requests, the seed's two queries, lineage) and the findings computed from the answers.
/// The real host is driven by the integrator's end-to-end tests.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _sample = new();

    public DemoCommandTests() => _sample.Write("bootstrap", "#!/bin/sh\n");

    public void Dispose() => _sample.Dispose();

    [Fact]
    public async Task The_demo_runs_the_seed_s_experiment_against_a_running_host()
    {
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Script(host);
        var harness = new CliHarness();

        var run = await harness.RunAsync("demo", "--endpoint", host.Endpoint.ToString(), "--sample-dir", _sample.Path, "--name", "probe", "--sleep-ms", "50");

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(host.Requests, r => r.Method == "POST" && r.Path == "/2015-03-31/functions").Json;
        Assert.Equal("PublishedVersions", (string?)create["SnapStart"]!["ApplyOn"]);
        Assert.Equal(10, (int?)create["ThawSnapshotCount"]);
        Assert.Equal("preserve", (string?)create["ThawNetworkIdentity"]);
        Assert.Equal("50", (string?)create["Environment"]!["Variables"]!["SLEEP_MS"]);
        Assert.Single(host.RequestsTo("POST", "/2015-03-31/functions/probe/versions"));
        Assert.Equal(30, host.RequestsTo("GET", "/apigw/probe:1/").Count);

        var queries = host.Requests.Where(r => r.Header("X-Amz-Target") == "Logs_20140328.StartQuery").Select(r => r.Json).ToList();
        Assert.Equal(4, queries.Count);
        Assert.All(queries, q => Assert.Equal("/aws/lambda/probe", (string?)q["logGroupName"]));
        Assert.Contains(queries, q => (string?)q["queryString"] == "filter @message like /RESTORE_REPORT/ | stats count(*)");
        Assert.Contains(queries, q => (string?)q["queryString"] == "filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr");

        Assert.Contains("RESTORE_REPORT count: 30", run.Out, StringComparison.Ordinal);
        Assert.Contains("Publishing ran Init 10 time(s)", run.Out, StringComparison.Ordinal);
        Assert.Contains("30 of 30 concurrent requests succeeded", run.Out, StringComparison.Ordinal);
        Assert.Contains("30 of 30 restored environments run with exactly the MACs", run.Out, StringComparison.Ordinal);
        Assert.Contains("came from 5 of the 10 snapshots; the busiest snapshot served 6", run.Out, StringComparison.Ordinal);
        Assert.Contains("That is 30 × 8 + 0 × 4", run.Out, StringComparison.Ordinal);
        Assert.Contains("Environments of version 1 (30)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Snapshots of version 1 (10)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_host_the_demo_starts_one_in_process_and_stops_it()
    {
        FakeLambdaHost? started = null;
        string? stateDirectory = null;
        var stopped = false;
        var harness = new CliHarness
        {
            RunServer = async (options, onStarted, token) =>
            {
                Assert.Equal(0, options.Port);
                Assert.Equal("127.0.0.1", options.ListenAddress);
                stateDirectory = options.StateDirectory;
                Assert.True(Directory.Exists(stateDirectory));
                await using var host = await FakeLambdaHost.StartAsync(cancellationToken: token);
                Script(host);
                started = host;
                onStarted?.Invoke(host.Endpoint);
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    stopped = true;
                }
            },
        };

        var run = await harness.RunAsync("demo", "--endpoint", $"http://127.0.0.1:{FreePort.Get()}", "--sample-dir", _sample.Path, "--name", "probe", "--requests", "30");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotNull(started);
        Assert.Equal(30, started.FrontDoorRequests);
        Assert.True(stopped, "the in-process host is stopped at the end");
        Assert.False(Directory.Exists(stateDirectory), "its temporary state directory is removed");
        Assert.Contains("starting one in this process", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_logs_api_the_demo_warns_and_still_shows_the_lineage()
    {
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Script(host);
        host.LogsApiAvailable = false;

        var run = await new CliHarness().RunAsync("demo", "--endpoint", host.Endpoint.ToString(), "--sample-dir", _sample.Path, "--name", "probe", "--requests", "5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: could not get the query \"Restores\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("Snapshots of version 1 (10)", run.Out, StringComparison.Ordinal);
        Assert.Contains("5 of 5 concurrent requests succeeded", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("RESTORE_REPORT count", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queries_wait_until_every_request_s_REPORT_line_is_stored()
    {
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Script(host);
        var scripted = host.QueryResults!;
        var reportQueries = 0;
        host.QueryResults = query =>
        {
            // The first two answers come before the batching writer has stored the last lines.
            if (query.Contains("REPORT RequestId", StringComparison.Ordinal) && Interlocked.Increment(ref reportQueries) <= 2)
            {
                return [Row(("count(*)", "12"))];
            }

            return scripted(query);
        };

        var run = await new CliHarness().RunAsync("demo", "--endpoint", host.Endpoint.ToString(), "--sample-dir", _sample.Path, "--name", "probe");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, reportQueries);
        Assert.DoesNotContain("REPORT lines are in the logs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_cannot_start_is_a_clear_error()
    {
        var harness = new CliHarness { RunServer = (_, _, _) => throw new InvalidOperationException("address already in use") };

        var run = await harness.RunAsync("demo", "--endpoint", $"http://127.0.0.1:{FreePort.Get()}", "--sample-dir", _sample.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Could not start a host in this process: address already in use", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_sample_is_explained()
    {
        using var elsewhere = new TempDirectory();
        var harness = new CliHarness { CurrentDirectory = elsewhere.Path, BaseDirectory = elsewhere.Path };

        var run = await harness.RunAsync("demo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot find samples/MacAddressProbe", run.Error, StringComparison.Ordinal);
        Assert.Contains("--sample-dir", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_is_found_from_the_repository()
    {
        var harness = new CliHarness { CurrentDirectory = Path.Combine(DeployCommandTests.RepositoryRoot(), "docs") };
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        harness.Processes = new FakeProcessRunner((_, _) => new Common.ProcessResult(1, "stop here", string.Empty));

        var run = await harness.RunAsync("demo", "--endpoint", host.Endpoint.ToString());

        // The build is where this test stops: the sample was found and handed to dotnet publish.
        Assert.Equal(1, run.ExitCode);
        var (_, args, _) = Assert.Single(((FakeProcessRunner)harness.Processes).Calls);
        Assert.EndsWith(Path.Combine("samples", "MacAddressProbe", "MacAddressProbe.csproj"), args[1], StringComparison.Ordinal);
    }

    /// <summary>Answers as a host would after 10 Inits and 30 restores spread over 5 of the snapshots.</summary>
    private static void Script(FakeLambdaHost host)
    {
        for (var i = 0; i < 10; i++)
        {
            host.Snapshots.Add(Samples.Snapshot($"snap-{i:00}", "1", $"init-{i:00}", Mac(0xA0, i), Mac(0xB0, i), restores: i < 5 ? 6 : 0));
        }

        for (var e = 0; e < 30; e++)
        {
            var s = e % 5;
            host.Environments.Add(Samples.Environment($"env-{e:00}", "1", $"snap-{s:00}", Mac(0xA0, s), Mac(0xB0, s)));
        }

        host.QueryResults = query =>
        {
            if (query.Contains("INIT_START", StringComparison.Ordinal))
            {
                return new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)Row(("@timestamp", "2026-12-04 16:00:00.000"), ("@logStream", $"stream-{i}"), ("@message", "INIT_START Runtime Version: dotnet:10.v1"))).ToArray());
            }

            if (query.Contains("REPORT RequestId", StringComparison.Ordinal))
            {
                return [Row(("count(*)", host.FrontDoorRequests.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
            }

            if (query.Contains("RESTORE_REPORT", StringComparison.Ordinal))
            {
                return [Row(("count(*)", "30"))];
            }

            // 30 cold starts × 8 lines, over 5 MACs per interface: 6 environments × 4 lines = 24 per MAC.
            var rows = new JsonArray();
            foreach (var (nic, prefix) in new[] { ("telemetry1_sb", 0xA0), ("vinternal_1", 0xB0) })
            {
                for (var s = 0; s < 5; s++)
                {
                    rows.Add(Row(("nicName", nic), ("macAddr", Mac(prefix, s).Replace(':', '-').ToUpperInvariant()), ("count(*)", "24")));
                }
            }

            return rows;
        };
    }

    private static string Mac(int prefix, int i) => $"02:{prefix:x2}:00:00:00:{i:x2}";

    private static JsonArray Row(params (string Field, string Value)[] cells) =>
        new(cells.Select(c => (JsonNode)new JsonObject { ["field"] = c.Field, ["value"] = c.Value }).ToArray());
}
