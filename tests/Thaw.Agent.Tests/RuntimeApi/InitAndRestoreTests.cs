using System.Net;
using Thaw.Agent.Protocol;
using Thaw.Agent.Tests.Harness;

namespace Thaw.Agent.Tests.RuntimeApi;

public sealed class InitAndRestoreTests
{
    [Fact]
    public async Task InitError_IsForwarded_AndEndsTheInitPhase()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);

        using var accepted = await runtime.PostAsync(
            "runtime/init/error",
            "{\"errorType\":\"InvalidOperationException\",\"errorMessage\":\"no config\"}",
            headers: new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = "Runtime.BadConfig" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("{\"status\":\"OK\"}\n", await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var initError = await agent.ExpectAsync(FrameKind.InitError);
        Assert.Equal("Runtime.BadConfig", initError.GetString("errorType"));
        Assert.Equal("application/json", initError.GetString("contentType"));
        Assert.Equal("{\"errorType\":\"InvalidOperationException\",\"errorMessage\":\"no config\"}", initError.Body());

        using var next = await runtime.NextAsync();
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal(
            "{\"errorMessage\":\"State transition from InitError to Ready failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
            await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InitError_WithoutJsonBody_IsOctetStream_AndUnknownType()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        (await runtime.PostAsync("runtime/init/error", "plain words", "text/plain")).Dispose();
        var initError = await agent.ExpectAsync(FrameKind.InitError);
        Assert.Equal("Runtime.Unknown", initError.GetString("errorType"));
        Assert.Equal("application/octet-stream", initError.GetString("contentType"));
        Assert.Equal("plain words", initError.Body());
    }

    [Fact]
    public async Task RestoreRoutes_WithoutSnapStart_Are404()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: false);
        using var runtime = new RuntimeClient(agent);

        using var next = await runtime.GetAsync("runtime/restore/next");
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
        Assert.Equal("404 page not found\n", await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/plain; charset=utf-8", next.Single("Content-Type"));
        using var error = await runtime.PostAsync("runtime/restore/error", "{}");
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task RestoreNext_IsHeldUntilRestore_ThenEmpty200_AndRestoreCompleteOnNext()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: true);
        using var runtime = new RuntimeClient(agent);

        var restoreNext = runtime.GetAsync("runtime/restore/next");
        await agent.ExpectAsync(FrameKind.SnapshotReady);
        Assert.False(restoreNext.IsCompleted, "restore/next must be held until the Restore frame");

        // While the runtime waits for the restore, /next is out of order.
        using var early = await runtime.NextAsync();
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Contains("State transition from RestoreReady to Ready failed", await early.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await agent.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 10_000 });
        using var released = await restoreNext;
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Empty(await released.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.False(released.Content.Headers.Contains("Content-Type"));

        var next = runtime.NextAsync();
        await agent.ExpectAsync(FrameKind.RestoreComplete);
        await agent.SendInvokeAsync("after-restore");
        using var invoke = await next;
        Assert.Equal("after-restore", invoke.Single("Lambda-Runtime-Aws-Request-Id"));
        Assert.DoesNotContain(agent.Received, f => f.Kind == FrameKind.InitComplete);
    }

    [Fact]
    public async Task RestoreError_AfterRestore_IsForwarded()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: true);
        using var runtime = new RuntimeClient(agent);

        using var tooEarly = await runtime.PostAsync("runtime/restore/error", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, tooEarly.StatusCode);
        Assert.Equal(
            "{\"errorMessage\":\"State transition from Started to RuntimeRestoreErrorState failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
            await tooEarly.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var restoreNext = runtime.GetAsync("runtime/restore/next");
        await agent.ExpectAsync(FrameKind.SnapshotReady);
        await agent.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 10_000 });
        (await restoreNext).Dispose();

        using var accepted = await runtime.PostAsync(
            "runtime/restore/error",
            "{\"errorMessage\":\"hook failed\",\"errorType\":\"Exception\"}",
            headers: new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = "Runtime.AfterRestoreError" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var restoreError = await agent.ExpectAsync(FrameKind.RestoreError);
        Assert.Equal("Runtime.AfterRestoreError", restoreError.GetString("errorType"));
        Assert.Equal("{\"errorMessage\":\"hook failed\",\"errorType\":\"Exception\"}", restoreError.Body());
    }

    [Fact]
    public async Task InitError_WhileRestoring_IsARestoreError()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: true);
        using var runtime = new RuntimeClient(agent);
        var restoreNext = runtime.GetAsync("runtime/restore/next");
        await agent.ExpectAsync(FrameKind.SnapshotReady);
        await agent.SendAsync(FrameKind.Restore, new Dictionary<string, object?>());
        (await restoreNext).Dispose();

        using var accepted = await runtime.PostAsync("runtime/init/error", "{}", headers: new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = "Runtime.AfterRestoreError" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var restoreError = await agent.ExpectAsync(FrameKind.RestoreError);
        Assert.Equal("Runtime.AfterRestoreError", restoreError.GetString("errorType"));
    }

    [Fact]
    public async Task Restore_WithoutNextBeforeTheHookTimeout_IsRestoreHookUserTimeout()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: true);
        using var runtime = new RuntimeClient(agent);
        var restoreNext = runtime.GetAsync("runtime/restore/next");
        await agent.ExpectAsync(FrameKind.SnapshotReady);
        await agent.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 200 });
        (await restoreNext).Dispose();

        var restoreError = await agent.ExpectAsync(FrameKind.RestoreError);
        Assert.Equal("Runtime.RestoreHookUserTimeout", restoreError.GetString("errorType"));

        // A late /next after the timeout does not report a second outcome.
        var late = runtime.NextAsync();
        await agent.SendInvokeAsync("late");
        (await late).Dispose();
        Assert.DoesNotContain(agent.Received, f => f.Kind == FrameKind.RestoreComplete);
    }

    [Fact]
    public async Task Restore_ForARuntimeThatSkippedRestoreNext_CompletesAtOnce()
    {
        await using var agent = await AgentProcess.StartIdleAsync(snapStart: true);
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.ExpectAsync(FrameKind.InitComplete);

        using var restoreNext = await runtime.GetAsync("runtime/restore/next");
        Assert.Equal(HttpStatusCode.Forbidden, restoreNext.StatusCode);
        Assert.Contains("State transition from Ready to Ready failed", await restoreNext.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await agent.SendAsync(FrameKind.Restore, new Dictionary<string, object?>());
        await agent.ExpectAsync(FrameKind.RestoreComplete);
        await agent.SendInvokeAsync("x");
        (await next).Dispose();
    }
}
