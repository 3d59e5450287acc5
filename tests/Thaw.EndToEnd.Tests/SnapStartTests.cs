using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>SnapStart with real CRIU: publish-time Inits make snapshots; cold starts restore them.</summary>
public sealed partial class SnapStartTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    private static Action<JsonObject> SnapStart(int snapshots, string identity = "preserve", Dictionary<string, string>? env = null) => b =>
    {
        b["SnapStart"] = new JsonObject { ["ApplyOn"] = "PublishedVersions" };
        b["ThawSnapshotCount"] = snapshots;
        b["ThawNetworkIdentity"] = identity;
        if (env is not null)
        {
            var vars = new JsonObject();
            foreach (var (k, v) in env)
            {
                vars[k] = v;
            }

            b["Environment"] = new JsonObject { ["Variables"] = vars };
        }
    };

    [Fact]
    public async Task Publishing_makes_one_snapshot_per_Init_and_cold_starts_restore_them_with_the_snapshots_tmp_and_MACs()
    {
        await Lambda.CreateFunctionAsync("snap", SnapStartShellFunction.Package(), SnapStart(2));
        var version = await Lambda.PublishAndWaitAsync("snap", expectPending: true);
        Assert.Equal("Active", version.GetProperty("State").GetString());
        Assert.Equal("On", version.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());
        Assert.Equal("PublishedVersions", version.GetProperty("SnapStart").GetProperty("ApplyOn").GetString());

        var snapshots = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/snap/snapshots?Qualifier=1", null)).Json.GetProperty("Snapshots").EnumerateArray().ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.Equal(2, snapshots.Select(s => s.GetProperty("InitEnvironmentId").GetString()).Distinct().Count());

        // Two concurrent cold starts: both restored, each from some snapshot, keeping that snapshot's /tmp and MACs.
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Lambda.InvokeAsync("snap:1", "{}", tail: true)));
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Null(r.FunctionError);
            Assert.Matches(RestoreReport(), r.LogTail!);
            Assert.Matches(ReportWithRestore(), r.LogTail!);
            Assert.DoesNotContain("Init Duration", r.LogTail!, StringComparison.Ordinal);
            var body = r.Json;
            Assert.Equal(body.GetProperty("initMacs").GetString(), body.GetProperty("liveMacs").GetString());
            var snapshot = snapshots.Single(s => Macs(s) == body.GetProperty("liveMacs").GetString());
            Assert.NotNull(snapshot.GetProperty("SnapshotId").GetString());
        }

        // Lineage: each restored environment names its snapshot; the Init streams hold INIT_START and INIT_REPORT.
        var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=snap", null)).Json.GetProperty("Environments").EnumerateArray().ToList();
        Assert.Equal(2, envs.Count(e => e.GetProperty("InitType").GetString() == "restore"));
        Assert.All(envs, e => Assert.Contains(snapshots, s => s.GetProperty("SnapshotId").GetString() == e.GetProperty("SnapshotId").GetString()));
        var logs = await Lambda.LogEventsWhenAsync("/aws/lambda/snap", l => l.Count(e => e.Message.StartsWith("RESTORE_START", StringComparison.Ordinal)) >= 2);
        Assert.Equal(2, logs.Count(e => e.Message.StartsWith("INIT_START", StringComparison.Ordinal)));
        Assert.Equal(2, logs.Count(e => e.Message.StartsWith("INIT_REPORT Init Duration", StringComparison.Ordinal)));
        Assert.Equal(2, logs.Count(e => e.Message.StartsWith("RESTORE_START Runtime Version:", StringComparison.Ordinal)));
        foreach (var s in snapshots)
        {
            Assert.Contains(logs, e => e.Stream == s.GetProperty("InitLogStreamName").GetString() && e.Message == "HOOK before-snapshot");
        }
    }

    [Fact]
    public async Task Clones_of_one_snapshot_share_MACs_and_Init_entropy_unless_identity_is_regenerated()
    {
        await Lambda.CreateFunctionAsync("same", SnapStartShellFunction.Package(), SnapStart(1));
        await Lambda.PublishAndWaitAsync("same");
        var preserved = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Lambda.InvokeAsync("same:1", "{}")));
        Assert.Single(preserved.Select(r => r.Json.GetProperty("liveMacs").GetString()).Distinct());
        // The uniqueness hazard: a random value drawn at Init is the same in every clone.
        Assert.Single(preserved.Select(r => r.Json.GetProperty("seed").GetString()).Distinct());

        await Lambda.CreateFunctionAsync("fresh", SnapStartShellFunction.Package(), SnapStart(1, "regenerate"));
        await Lambda.PublishAndWaitAsync("fresh");
        var regenerated = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Lambda.InvokeAsync("fresh:1", "{}")));
        Assert.Equal(3, regenerated.Select(r => r.Json.GetProperty("liveMacs").GetString()).Distinct().Count());
        Assert.All(regenerated, r => Assert.NotEqual(r.Json.GetProperty("initMacs").GetString(), r.Json.GetProperty("liveMacs").GetString()));
        Assert.Single(regenerated.Select(r => r.Json.GetProperty("initMacs").GetString()).Distinct());
    }

    [Fact]
    public async Task Thirty_simultaneous_cold_starts_are_all_served_by_restores()
    {
        await Lambda.CreateFunctionAsync("thirty", SnapStartShellFunction.Package(), SnapStart(3));
        await Lambda.PublishAndWaitAsync("thirty");
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Lambda.InvokeAsync("thirty:1", "{}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(responses, r => Assert.Null(r.FunctionError));
        var logs = await Lambda.LogEventsWhenAsync("/aws/lambda/thirty", l => l.Count(e => e.Message.StartsWith("RESTORE_REPORT", StringComparison.Ordinal)) >= 30);
        Assert.Equal(30, logs.Count(e => e.Message.StartsWith("RESTORE_REPORT", StringComparison.Ordinal)));
        // Thirty environments, three network identities: each clone runs with the MACs of the snapshot it came from.
        var snapshotMacs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/thirty/snapshots?Qualifier=1", null)).Json
            .GetProperty("Snapshots").EnumerateArray().Select(s => (string?)Macs(s)).ToHashSet();
        Assert.Equal(3, snapshotMacs.Count);
        Assert.All(responses, r => Assert.Contains(r.Json.GetProperty("liveMacs").GetString(), snapshotMacs));
        var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=thirty", null)).Json.GetProperty("Environments").EnumerateArray().ToList();
        Assert.Equal(30, envs.Select(e => e.GetProperty("HostPid").GetInt32()).Distinct().Count());
    }

    [Fact]
    public async Task A_failing_before_snapshot_hook_leaves_the_version_Failed_and_no_snapshot()
    {
        await Lambda.CreateFunctionAsync("beforefail", SnapStartShellFunction.Package(), SnapStart(1, env: new() { ["BEFORE_FAIL"] = "1" }));
        var version = await Lambda.PublishAndWaitAsync("beforefail");
        Assert.Equal("Failed", version.GetProperty("State").GetString());
        Assert.Contains("Runtime.BeforeSnapshotError", version.GetProperty("StateReason").GetString(), StringComparison.Ordinal);
        var snapshots = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/beforefail/snapshots?All=true", null)).Json.GetProperty("Snapshots");
        Assert.Equal(0, snapshots.GetArrayLength());
        var dir = Path.Combine(fixture.Host.StateDirectory, "snapshots", "beforefail");
        Assert.True(!Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Any(p => File.Exists(p)));
        var invoke = await Lambda.InvokeAsync("beforefail:1", "{}");
        Assert.Equal(HttpStatusCode.Conflict, invoke.Status);
    }

    [Fact]
    public async Task A_failing_after_restore_hook_is_SnapStartException_and_a_hanging_one_SnapStartTimeoutException()
    {
        await Lambda.CreateFunctionAsync("afterfail", SnapStartShellFunction.Package(), SnapStart(1, env: new() { ["AFTER_FAIL"] = "1" }));
        Assert.Equal("Active", (await Lambda.PublishAndWaitAsync("afterfail")).GetProperty("State").GetString());
        var failed = await Lambda.InvokeAsync("afterfail:1", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, failed.Status);
        Assert.Equal("SnapStartException", failed.ErrorType);

        await Lambda.CreateFunctionAsync("afterhang", SnapStartShellFunction.Package(), SnapStart(1, env: new() { ["AFTER_HANG"] = "1" }));
        Assert.Equal("Active", (await Lambda.PublishAndWaitAsync("afterhang")).GetProperty("State").GetString());
        var hung = await Lambda.InvokeAsync("afterhang:1", "{}");
        Assert.Equal(HttpStatusCode.RequestTimeout, hung.Status);
        Assert.Equal("SnapStartTimeoutException", hung.ErrorType);

        // Nothing was left running by the failed restores.
        var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments", null)).Json.GetProperty("Environments").EnumerateArray();
        Assert.DoesNotContain(envs, e => e.GetProperty("FunctionName").GetString() is "afterfail" or "afterhang");
    }

    [Fact]
    public async Task A_corrupted_snapshot_is_never_restored_it_is_dropped_and_remade()
    {
        await Lambda.CreateFunctionAsync("corrupt", SnapStartShellFunction.Package(), SnapStart(1));
        await Lambda.PublishAndWaitAsync("corrupt");
        var snapshot = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/corrupt/snapshots?Qualifier=1", null)).Json.GetProperty("Snapshots")[0];
        var id = snapshot.GetProperty("SnapshotId").GetString()!;
        var dir = Directory.GetDirectories(Path.Combine(fixture.Host.StateDirectory, "snapshots"), id, SearchOption.AllDirectories).Single();
        var victim = Directory.GetFiles(dir, "pages-*.img").OrderByDescending(f => new FileInfo(f).Length).First();
        await using (var f = File.OpenWrite(victim))
        {
            f.Seek(100, SeekOrigin.Begin);
            f.Write([0xde, 0xad, 0xbe, 0xef]);
        }

        var response = await Lambda.InvokeAsync("corrupt:1", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.FunctionError);
        var after = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/corrupt/snapshots?Qualifier=1&All=true", null)).Json.GetProperty("Snapshots").EnumerateArray().ToList();
        Assert.Equal("Dropped", after.Single(s => s.GetProperty("SnapshotId").GetString() == id).GetProperty("Status").GetString());
        Assert.Contains(after, s => s.GetProperty("Status").GetString() == "Ready" && s.GetProperty("SnapshotId").GetString() != id);
        Assert.False(Directory.Exists(dir));
        var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=corrupt", null)).Json.GetProperty("Environments").EnumerateArray();
        Assert.DoesNotContain(envs, e => e.GetProperty("SnapshotId").GetString() == id);
    }

    [Fact]
    public async Task Snapshots_survive_a_host_restart_and_are_restored_after_it()
    {
        await using var host = await ThawHostInstance.StartAsync();
        await host.Lambda.CreateFunctionAsync("keep", SnapStartShellFunction.Package(), SnapStart(1));
        await host.Lambda.PublishAndWaitAsync("keep");
        var before = await host.Lambda.InvokeAsync("keep:1", "{}");
        await host.RestartAsync();
        var after = await host.Lambda.InvokeAsync("keep:1", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Matches(RestoreReport(), after.LogTail!);
        Assert.Equal(before.Json.GetProperty("seed").GetString(), after.Json.GetProperty("seed").GetString());
        var files = Directory.GetFiles(Path.Combine(host.StateDirectory, "snapshots"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f) & (UnixFileMode)0x1FF));
    }

    [Fact]
    public async Task An_unused_snapshot_expires_and_the_next_cold_start_makes_a_new_one()
    {
        await using var host = await ThawHostInstance.StartAsync(idleTimeout: TimeSpan.FromSeconds(1), snapshotExpiry: TimeSpan.FromSeconds(2));
        await host.Lambda.CreateFunctionAsync("expiring", SnapStartShellFunction.Package(), SnapStart(1));
        await host.Lambda.PublishAndWaitAsync("expiring");
        var first = (await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/expiring/snapshots?Qualifier=1", null)).Json.GetProperty("Snapshots")[0].GetProperty("SnapshotId").GetString();

        await LambdaHttp.WaitUntilAsync<bool>(async () =>
            (await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/expiring/snapshots?Qualifier=1", null)).Json.GetProperty("Snapshots").GetArrayLength() == 0 ? true : null,
            TimeSpan.FromSeconds(30));
        var dropped = (await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/expiring/snapshots?Qualifier=1&All=true", null)).Json.GetProperty("Snapshots").EnumerateArray().Single();
        Assert.Equal(first, dropped.GetProperty("SnapshotId").GetString());
        Assert.Equal("Dropped", dropped.GetProperty("Status").GetString());

        var response = await host.Lambda.InvokeAsync("expiring:1", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Matches(RestoreReport(), response.LogTail!);
        var now = (await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/functions/expiring/snapshots?Qualifier=1&All=true", null)).Json.GetProperty("Snapshots").EnumerateArray().ToList();
        Assert.Contains(now, s => s.GetProperty("SnapshotId").GetString() != first);
    }

    [Fact]
    public async Task Without_a_working_CRIU_publishing_falls_back_to_on_demand_and_says_so()
    {
        await using var host = await ThawHostInstance.StartAsync(criuPath: "/nonexistent/criu");
        await host.Lambda.CreateFunctionAsync("nocriu", SnapStartShellFunction.Package(), SnapStart(1));
        var version = await host.Lambda.PublishAndWaitAsync("nocriu");
        Assert.Equal("Active", version.GetProperty("State").GetString());
        Assert.Equal("Off", version.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());
        Assert.Equal("SnapStartUnavailable", version.GetProperty("StateReasonCode").GetString());
        Assert.Contains("on-demand mode", version.GetProperty("StateReason").GetString(), StringComparison.Ordinal);
        var response = await host.Lambda.InvokeAsync("nocriu:1", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("INIT_START", response.LogTail!, StringComparison.Ordinal);
        Assert.DoesNotContain("RESTORE_START", response.LogTail!, StringComparison.Ordinal);
        var info = (await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/info", null)).Json.GetProperty("Capabilities");
        Assert.False(info.GetProperty("CanSnapshot").GetBoolean());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("SnapshotProblem").GetString()));
    }

    [Fact]
    public async Task Restore_ahead_keeps_a_restored_clone_ready_and_its_first_invocation_reports_the_restore()
    {
        await Lambda.CreateFunctionAsync("ahead", SnapStartShellFunction.Package(), b =>
        {
            SnapStart(1)(b);
            b["ThawRestoreAhead"] = 1;
        });
        Assert.Equal("Active", (await Lambda.PublishAndWaitAsync("ahead")).GetProperty("State").GetString());
        var ready = await WaitForReadyAsync();

        var response = await Lambda.InvokeAsync("ahead:1", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Matches(RestoreReport(), response.LogTail!);
        Assert.Matches(ReportWithRestore(), response.LogTail!);

        // The request ran in the clone restored ahead of demand, and another one is being made ready behind it.
        var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=ahead", null)).Json.GetProperty("Environments").EnumerateArray().ToList();
        var used = envs.Single(e => e.GetProperty("EnvironmentId").GetString() == ready);
        Assert.Equal(1, used.GetProperty("Invocations").GetInt64());
        Assert.False(used.GetProperty("RestoredAhead").GetBoolean());
        var next = await WaitForReadyAsync();
        Assert.NotEqual(ready, next);
    }

    private async Task<string> WaitForReadyAsync() =>
        (await LambdaHttp.WaitUntilAsync<JsonElement>(async () =>
        {
            var envs = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=ahead", null)).Json.GetProperty("Environments").EnumerateArray();
            return envs.Where(e => e.GetProperty("RestoredAhead").GetBoolean() && e.GetProperty("State").GetString() == "Idle").Select(e => (JsonElement?)e).FirstOrDefault();
        }, TimeSpan.FromSeconds(60))).GetProperty("EnvironmentId").GetString()!;

    private static string Macs(JsonElement snapshot) =>
        string.Concat(snapshot.GetProperty("Interfaces").EnumerateArray()
            .Where(i => i.GetProperty("Name").GetString() != "lo")
            .OrderBy(i => i.GetProperty("Name").GetString(), StringComparer.Ordinal)
            .Select(i => $"{i.GetProperty("Name").GetString()}={i.GetProperty("MacAddress").GetString()} "));

    [GeneratedRegex(@"RESTORE_REPORT Restore Duration: \d+\.\d\d ms")]
    private static partial Regex RestoreReport();

    [GeneratedRegex(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tRestore Duration: \d+\.\d\d ms\tBilled Restore Duration: \d+ ms\t")]
    private static partial Regex ReportWithRestore();
}
