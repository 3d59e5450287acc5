using System.Net;
using System.Text.Json.Nodes;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>SnapStart for .NET functions through the SDK's SnapshotRestore hooks and the dotnet10 runtime.</summary>
public sealed class DotnetSnapStartTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    private static Action<JsonObject> Configure(Dictionary<string, string>? env = null) => b =>
    {
        b["SnapStart"] = new JsonObject { ["ApplyOn"] = "PublishedVersions" };
        b["ThawSnapshotCount"] = 1;
        if (env is not null)
        {
            b["Environment"] = new JsonObject { ["Variables"] = new JsonObject(env.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) };
        }
    };

    [Fact]
    public async Task An_executable_assembly_runs_its_own_loop_on_demand_and_from_a_snapshot()
    {
        // Handler = the assembly's name: the program's top-level statements build the bootstrap (as on Lambda).
        var package = await Artifacts.SampleAsync("ExecutableAssembly");
        await Lambda.CreateFunctionAsync("exe", package, Configure());
        var onDemand = await Lambda.InvokeAsync("exe", """{"text":"hello"}""", tail: true);
        Assert.Equal(HttpStatusCode.OK, onDemand.Status);
        Assert.Null(onDemand.FunctionError);
        Assert.Equal("HELLO", onDemand.Json.GetProperty("text").GetString());
        Assert.Equal(onDemand.Header("x-amzn-RequestId"), onDemand.Json.GetProperty("requestId").GetString());
        Assert.Contains("Shouting for exe", onDemand.LogTail!, StringComparison.Ordinal);

        var version = await Lambda.PublishAndWaitAsync("exe");
        Assert.Equal("On", version.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());
        var clones = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Lambda.InvokeAsync("exe:1", """{"text":"snap"}""", tail: true)));
        foreach (var r in clones)
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.Equal("SNAP", r.Json.GetProperty("text").GetString());
            Assert.Contains("RESTORE_REPORT Restore Duration:", r.LogTail!, StringComparison.Ordinal);
        }

        // Both clones were initialised once, by the Init that made the snapshot.
        Assert.Equal(clones[0].Json.GetProperty("initializedAt").GetString(), clones[1].Json.GetProperty("initializedAt").GetString());
    }

    [Fact]
    public async Task Hooks_run_in_Lambdas_order_and_clones_share_Init_state()
    {
        var package = await Artifacts.SampleAsync("SnapStartProbe");
        await Lambda.CreateFunctionAsync("dotsnap", package, Configure());
        var version = await Lambda.PublishAndWaitAsync("dotsnap");
        Assert.Equal("On", version.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());

        var clones = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Lambda.InvokeAsync("dotsnap:1", "{}", tail: true)));
        foreach (var r in clones)
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            // Before-snapshot hooks run in reverse registration order, after-restore hooks in registration order.
            Assert.Equal(["HOOK before 3", "HOOK before 2", "HOOK before 1", "HOOK after 1", "HOOK after 2", "HOOK after 3"],
                r.Json.GetProperty("hooks").EnumerateArray().Select(h => h.GetString()));
            Assert.StartsWith("written during Init", r.Json.GetProperty("tmp").GetString(), StringComparison.Ordinal);
            Assert.Contains("HOOK after 1", r.LogTail!, StringComparison.Ordinal);
            Assert.Contains("RESTORE_REPORT Restore Duration:", r.LogTail!, StringComparison.Ordinal);
        }

        // The uniqueness hazard: a System.Random created at Init yields the same next value in two clones.
        Assert.Equal(clones[0].Json.GetProperty("random").GetInt32(), clones[1].Json.GetProperty("random").GetInt32());
        Assert.Equal(clones[0].Json.GetProperty("initId").GetString(), clones[1].Json.GetProperty("initId").GetString());
        Assert.Equal(
            clones[0].Json.GetProperty("macs").EnumerateArray().Select(m => m.GetString()),
            clones[1].Json.GetProperty("macs").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Hook_failures_use_the_runtime_error_types()
    {
        var package = await Artifacts.SampleAsync("SnapStartProbe");
        await Lambda.CreateFunctionAsync("dotbefore", package, Configure(new() { ["PROBE_FAIL_BEFORE_SNAPSHOT"] = "true" }));
        var failed = await Lambda.PublishAndWaitAsync("dotbefore");
        Assert.Equal("Failed", failed.GetProperty("State").GetString());
        Assert.Contains("Runtime.BeforeSnapshotError", failed.GetProperty("StateReason").GetString(), StringComparison.Ordinal);

        await Lambda.CreateFunctionAsync("dotafter", package, Configure(new() { ["PROBE_FAIL_AFTER_RESTORE"] = "true" }));
        Assert.Equal("Active", (await Lambda.PublishAndWaitAsync("dotafter")).GetProperty("State").GetString());
        var restoreFailed = await Lambda.InvokeAsync("dotafter:1");
        Assert.Equal("SnapStartException", restoreFailed.ErrorType);
        Assert.Contains("Runtime.AfterRestoreError", restoreFailed.Json.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }
}
