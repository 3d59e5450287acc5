using Thaw.Agent.Protocol;
using Thaw.Agent.Tests.Harness;

namespace Thaw.Agent.Tests.Lifecycle;

public sealed class RuntimeProcessTests
{
    /// <summary>A bash runtime that speaks the Runtime API itself over /dev/tcp and prints right before it posts.</summary>
    internal const string ChattyRuntime = """
        api=$AWS_LAMBDA_RUNTIME_API
        exec 3<>/dev/tcp/${api%:*}/${api##*:}
        printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n' >&3
        len=0
        while IFS= read -r line <&3; do
          line=${line%$'\r'}
          [ -z "$line" ] && break
          case "$line" in
            Lambda-Runtime-Aws-Request-Id:*) id=${line#*: } ;;
            Content-Length:*) len=${line#*: } ;;
          esac
        done
        read -r -N "$len" body <&3
        for i in $(seq 1 300); do echo "out $i"; echo "err $i" >&2; done
        printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\ndone' "$id" >&3
        while IFS= read -r line <&3; do line=${line%$'\r'}; [ -z "$line" ] && break; done
        echo after
        exec sleep 600
        """;

    [Fact]
    public async Task Logs_WrittenBeforeThePost_PrecedeTheResponseFrame()
    {
        await using var agent = await AgentProcess.StartAsync(["/bin/bash", "-c", ChattyRuntime]);
        await agent.ExpectAsync(FrameKind.InitComplete);
        await agent.SendInvokeAsync("log-1");
        var response = await agent.ExpectAsync(FrameKind.Response);
        Assert.Equal("done", response.Body());

        var lines = agent.Received.Where(f => f.Kind == FrameKind.Log).Select(f => f.Body()).ToList();
        for (var i = 1; i <= 300; i++)
        {
            Assert.Contains($"out {i}", lines);
            Assert.Contains($"err {i}", lines);
        }

        // stdout and stderr share one pipe, so their order is the order of writing.
        Assert.True(lines.IndexOf("out 300") < lines.IndexOf("err 300"));
        Assert.True(lines.IndexOf("err 299") < lines.IndexOf("out 300"));
        var log = agent.Received.First(f => f.Kind == FrameKind.Log);
        Assert.Equal("stdout", log.GetString("stream"));
        Assert.InRange(log.GetInt64("ts")!.Value, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await agent.ExpectLogAsync(l => l == "after");
    }

    [Fact]
    public async Task Runtime_SeesItsContract_EnvironmentWithoutAgentVariables_StdinDevNull()
    {
        await using var agent = await AgentProcess.StartAsync(
            ["/bin/sh", "-c", "echo \"api=$AWS_LAMBDA_RUNTIME_API\"; env | grep -c '^THAW_AGENT_' ; readlink /proc/self/fd/0; echo \"pgid=$(cut -d' ' -f5 /proc/$$/stat) pid=$$\"; echo \"custom=$CUSTOM\""],
            environment: new Dictionary<string, string> { ["CUSTOM"] = "kept" });
        Assert.Equal($"api=127.0.0.1:{agent.Port}", await agent.ExpectLogAsync(l => l.StartsWith("api=", StringComparison.Ordinal)));
        Assert.Equal("0", await agent.ExpectLogAsync(_ => true));
        Assert.Equal("/dev/null", await agent.ExpectLogAsync(_ => true));
        var group = await agent.ExpectLogAsync(l => l.StartsWith("pgid=", StringComparison.Ordinal));
        Assert.Equal($"pgid={agent.RuntimePid} pid={agent.RuntimePid}", group);
        Assert.Equal("custom=kept", await agent.ExpectLogAsync(_ => true));
        var exited = await agent.ExpectAsync(FrameKind.RuntimeExited);
        Assert.Equal(0, exited.GetInt64("exitCode"));
    }

    [Fact]
    public async Task RuntimeExit_IsReportedWithExitCodeOrSignal_AfterItsOutput()
    {
        await using (var agent = await AgentProcess.StartAsync(["/bin/sh", "-c", "printf 'last words'; exit 3"]))
        {
            var exited = await agent.ExpectAsync(FrameKind.RuntimeExited);
            Assert.Equal(3, exited.GetInt64("exitCode"));
            Assert.Null(exited.GetInt64("signal"));
            var log = agent.Received.Single(f => f.Kind == FrameKind.Log);
            Assert.Equal("last words", log.Body());

            // The agent stays up (the host may still want its logs) until the host lets it go.
            await agent.CloseStdinAsync();
            Assert.Equal(0, await agent.WaitForExitAsync());
        }

        await using (var agent = await AgentProcess.StartAsync(["/bin/sh", "-c", "kill -TERM $$"]))
        {
            var exited = await agent.ExpectAsync(FrameKind.RuntimeExited);
            Assert.Equal(15, exited.GetInt64("signal"));
            Assert.Null(exited.GetInt64("exitCode"));
        }
    }

    [Fact]
    public async Task Spawn_OfAMissingCommand_ReportsExit127()
    {
        await using var agent = await AgentProcess.StartAsync(["/nonexistent/bootstrap"]);
        Assert.Equal(0, agent.RuntimePid);
        var exited = await agent.ExpectAsync(FrameKind.RuntimeExited);
        Assert.Equal(127, exited.GetInt64("exitCode"));
        Assert.Contains(agent.Received, f => f.Kind == FrameKind.Log && f.Body().Contains("/nonexistent/bootstrap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_KillsTheRuntimeAndEverythingItStarted()
    {
        await using var agent = await AgentProcess.StartAsync(["/bin/sh", "-c", "sleep 600 & echo child=$!; wait"]);
        var child = int.Parse((await agent.ExpectLogAsync(l => l.StartsWith("child=", StringComparison.Ordinal)))["child=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{child}"));

        await agent.SendAsync(FrameKind.Shutdown, new Dictionary<string, object?>());
        Assert.Equal(0, await agent.WaitForExitAsync());
        await ProcessProbe.WaitGoneAsync(agent.RuntimePid);
        await ProcessProbe.WaitGoneAsync(child);
    }

    [Fact]
    public async Task HostGone_StdinEof_KillsTheRuntimeAndExits()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        await agent.CloseStdinAsync();
        Assert.Equal(0, await agent.WaitForExitAsync());
        await ProcessProbe.WaitGoneAsync(agent.RuntimePid);
    }

    [Fact]
    public async Task Sigterm_StopsTheAgentWhileItWaitsForTheHost()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", agent.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, kill.ExitCode);
        }

        Assert.Equal(0, await agent.WaitForExitAsync());
        await ProcessProbe.WaitGoneAsync(agent.RuntimePid);
    }

    [Fact]
    public async Task Orphans_OfTheRuntime_AreReaped()
    {
        // The inner shell exits at once; its background sleep is re-parented to the agent (pid 1, or subreaper here).
        await using var agent = await AgentProcess.StartAsync(["/bin/sh", "-c", "sh -c 'sleep 0.2 & echo orphan=$!'; exec sleep 600"]);
        var orphan = int.Parse((await agent.ExpectLogAsync(l => l.StartsWith("orphan=", StringComparison.Ordinal)))["orphan=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await ProcessProbe.WaitGoneAsync(orphan);
    }

    [Fact]
    public async Task LongLines_AreSplitAt256KiB()
    {
        await using var agent = await AgentProcess.StartAsync(["/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' 'x'; echo; echo next"]);
        var first = await agent.ExpectAsync(FrameKind.Log);
        var second = await agent.ExpectAsync(FrameKind.Log);
        Assert.Equal(256 * 1024, first.Body.Length);
        Assert.Equal(300000 - (256 * 1024), second.Body.Length);
        Assert.Equal("next", (await agent.ExpectAsync(FrameKind.Log)).Body());
    }
}
