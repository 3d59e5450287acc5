using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Thaw.Agent.Protocol;
using Thaw.Sandbox.Tests.Support;

namespace Thaw.Sandbox.Tests;

/// <summary>
/// The real Thaw.Agent (a CoreCLR app here, the NativeAOT one with THAW_AGENT_EXECUTABLE) as pid 1, with a python
/// custom runtime speaking the Runtime API to it over loopback: on-demand invocations, and a SnapStart snapshot whose
/// clones resume their pending <c>restore/next</c>.
/// </summary>
public sealed class RealAgentTests(ITestOutputHelper output)
{
    private static readonly string Runtime = Path.Combine(AppContext.BaseDirectory, "Fixtures", "echo_runtime.py");

    [Fact]
    public async Task On_demand_environment_runs_invocations_through_the_real_agent()
    {
        await using var ctx = new SandboxTestContext();
        var sandbox = RealAgentSandbox(ctx);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sw = Stopwatch.StartNew();
        var env = ctx.Track(await sandbox.StartAsync(Spec(ctx, "on-demand"), cts.Token));
        _ = await FixtureAgent.ExpectAsync(env, FrameKind.InitComplete, cts.Token);
        output.WriteLine($"start to InitComplete: {sw.Elapsed.TotalMilliseconds:0} ms");

        var (response, logs) = await InvokeAsync(env, "first", cts.Token);
        Assert.Equal("first", response.GetProperty("event").GetProperty("name").GetString());
        Assert.Contains(logs, l => l.StartsWith("handling ", StringComparison.Ordinal));
        Assert.NotEqual(1, response.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task SnapStart_clones_of_the_real_agent_resume_restore_next()
    {
        await using var ctx = new SandboxTestContext();
        var sandbox = RealAgentSandbox(ctx);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var env = ctx.Track(await sandbox.StartAsync(Spec(ctx, "snap-start"), cts.Token));
        _ = await FixtureAgent.ExpectAsync(env, FrameKind.SnapshotReady, cts.Token);

        var snapshot = ctx.SnapshotPath();
        var sw = Stopwatch.StartNew();
        var image = await sandbox.SnapshotAsync(env, snapshot, cts.Token);
        output.WriteLine($"snapshot of the real agent + python runtime: {image.SizeBytes / 1024} KiB in {sw.Elapsed.TotalMilliseconds:0} ms");

        sw.Restart();
        var clones = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => sandbox.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId(), RegenerateNetworkIdentity = i % 2 == 1 }, cts.Token)));
        foreach (var c in clones)
        {
            ctx.Track(c);
        }

        output.WriteLine($"4 concurrent restores: {sw.Elapsed.TotalMilliseconds:0} ms");
        var randoms = new List<string>();
        foreach (var clone in clones)
        {
            await clone.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 10000L }, ReadOnlyMemory<byte>.Empty, cts.Token);
            _ = await FixtureAgent.ExpectAsync(clone, FrameKind.RestoreComplete, cts.Token);
            var (response, _) = await InvokeAsync(clone, "after-restore", cts.Token);
            Assert.Equal("after-restore", response.GetProperty("event").GetProperty("name").GetString());
            Assert.Equal(response.GetProperty("random").GetString(), response.GetProperty("tmp").GetString());
            randoms.Add(response.GetProperty("random").GetString()!);
        }

        // Every clone continues from the same memory: the random number drawn at init is the same everywhere.
        Assert.Single(randoms.Distinct());
    }

    private static LinuxSandbox RealAgentSandbox(SandboxTestContext ctx)
    {
        var native = Environment.GetEnvironmentVariable("THAW_AGENT_EXECUTABLE");
        IReadOnlyList<string> agent = string.IsNullOrEmpty(native) ? ["/usr/bin/dotnet", Path.Combine(AppContext.BaseDirectory, "thaw-agent.dll")] : [native];
        return new LinuxSandbox(agent, null, ctx.StateDirectory, ctx.ScratchDirectory, NullLogger.Instance, TimeProvider.System, ctx.CgroupName);
    }

    private static EnvironmentSpec Spec(SandboxTestContext ctx, string initializationType) => new()
    {
        EnvironmentId = SandboxTestContext.NewId(),
        CodeDirectory = ctx.CodeDirectory,
        Command = ["/usr/bin/python3", Runtime],
        Variables = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = initializationType,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "echo",
            ["PYTHONUNBUFFERED"] = "1",
        },
        MemoryMb = 256,
        EphemeralStorageMb = 16,
    };

    private static async Task<(JsonElement Response, List<string> Logs)> InvokeAsync(IExecutionEnvironment env, string name, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var header = new Dictionary<string, object?>
        {
            ["requestId"] = requestId,
            ["deadlineMs"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds(),
            ["invokedFunctionArn"] = "arn:aws:lambda:us-east-1:000000000000:function:echo",
            ["contentType"] = "application/json",
        };
        await env.SendAsync(FrameKind.Invoke, header, Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}"""), cancellationToken);
        var logs = new List<string>();
        while (true)
        {
            var frame = await env.ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException("The environment ended during the invocation.");
            switch (frame.Kind)
            {
                case FrameKind.Log:
                    logs.Add(Encoding.UTF8.GetString(frame.Body.Span));
                    break;
                case FrameKind.Response:
                    Assert.Equal(requestId, frame.GetString("requestId"));
                    return (JsonDocument.Parse(frame.Body).RootElement.Clone(), logs);
                default:
                    Assert.Fail($"Unexpected {frame.Kind} during an invocation: {Encoding.UTF8.GetString(frame.Body.Span)}");
                    break;
            }
        }
    }

}
