using System.Text;
using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.Tests.Fakes;

namespace Thaw.Lambda.Tests.Bootstrap;

public sealed class CallSequenceTests
{
    private static LambdaBootstrapHandler Echo(BootstrapHarness harness) => async invocation =>
    {
        harness.Record("handler " + invocation.LambdaContext.AwsRequestId);
        var copy = new MemoryStream();
        await invocation.InputStream.CopyToAsync(copy);
        copy.Position = 0;
        return new InvocationResponse(copy);
    };

    private static LambdaBootstrapInitializer Init(BootstrapHarness harness) => () =>
    {
        harness.Record("init");
        return Task.FromResult(true);
    };

    private static void AddHooks(BootstrapHarness harness, int count, int? failBefore = null, int? failAfter = null)
    {
        for (var i = 1; i <= count; i++)
        {
            var n = i;
            harness.BeforeSnapshot.Add(() =>
            {
                harness.Record($"before {n}");
                return n == failBefore ? throw new InvalidOperationException($"before {n} failed") : ValueTask.CompletedTask;
            });
            harness.AfterRestore.Add(() =>
            {
                harness.Record($"after {n}");
                return n == failAfter ? throw new ArgumentException($"after {n} failed") : ValueTask.CompletedTask;
            });
        }
    }

    [Fact]
    public async Task On_demand_init_goes_straight_to_the_invoke_loop()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        AddHooks(harness, 2);
        var bootstrap = harness.Create(Echo(harness), Init(harness));
        harness.Api.Enqueue(new FakeInvocation("req-1", "{\"a\":1}"));
        harness.Api.Enqueue(new FakeInvocation("req-2", "\"two\""));
        _ = harness.RunInBackground(bootstrap);

        var second = await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-2/response");
        await harness.Api.WaitForAsync(c => c.Route == "GET /runtime/invocation/next" && harness.Api.Calls.Count >= 5);

        Assert.Equal(
            ["GET /runtime/invocation/next", "POST /runtime/invocation/req-1/response", "GET /runtime/invocation/next", "POST /runtime/invocation/req-2/response", "GET /runtime/invocation/next"],
            harness.Api.Routes.Take(5));
        Assert.Equal("\"two\"", second.Body);
        Assert.Equal("{\"a\":1}", harness.Api.Calls[1].Body);
        Assert.Equal(["init", "handler req-1", "handler req-2"], harness.Events);
    }

    [Fact]
    public async Task Snap_start_runs_before_hooks_lifo_then_restore_next_then_after_hooks_fifo()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        harness.Api.AutoRestore = false;
        AddHooks(harness, 3);
        var bootstrap = harness.Create(Echo(harness), Init(harness));
        _ = harness.RunInBackground(bootstrap);

        await harness.Api.WaitForRouteAsync("GET /runtime/restore/next");
        // The snapshot would be taken now: every before-snapshot hook has run, no after-restore hook yet.
        Assert.Equal(["init", "before 3", "before 2", "before 1"], harness.Events);
        Assert.Equal(["GET /runtime/restore/next"], harness.Api.Routes);

        harness.Api.ReleaseRestore();
        harness.Api.Enqueue(new FakeInvocation("req-1", "{}"));
        await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/response");

        Assert.Equal(["init", "before 3", "before 2", "before 1", "after 1", "after 2", "after 3", "handler req-1"], harness.Events);
        Assert.Equal(["GET /runtime/restore/next", "GET /runtime/invocation/next", "POST /runtime/invocation/req-1/response"], harness.Api.Routes.Take(3));
        Assert.Empty(harness.Exits);
    }

    [Fact]
    public async Task Without_snap_start_no_restore_call_is_made_even_with_hooks_registered()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        AddHooks(harness, 1);
        var bootstrap = harness.Create(Echo(harness), Init(harness));
        harness.Api.Enqueue(new FakeInvocation("req-1", "{}"));
        _ = harness.RunInBackground(bootstrap);
        await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/response");

        Assert.DoesNotContain(harness.Api.Routes, r => r.Contains("restore", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Events, e => e.StartsWith("before", StringComparison.Ordinal) || e.StartsWith("after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_before_snapshot_hook_stops_the_rest_and_reports_BeforeSnapshotError_to_init_error()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        AddHooks(harness, 3, failBefore: 2);
        var bootstrap = harness.Create(Echo(harness), Init(harness));

        await bootstrap.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["init", "before 3", "before 2"], harness.Events);
        var call = Assert.Single(harness.Api.Calls);
        Assert.Equal("POST /runtime/init/error", call.Route);
        Assert.Equal("Runtime.BeforeSnapshotError", call.Header("Lambda-Runtime-Function-Error-Type"));
        var error = ErrorJson.Parse(call.Body);
        Assert.Equal("InvalidOperationException", error.Type);
        Assert.Equal("before 2 failed", error.Message);
        Assert.Contains("Failed to invoke before snapshot hooks", harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_restore_next_call_is_reported_as_BeforeSnapshotError()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        harness.Api.RestoreNextStatus = 403;
        AddHooks(harness, 1);
        var bootstrap = harness.Create(Echo(harness), Init(harness));

        await bootstrap.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["GET /runtime/restore/next", "POST /runtime/init/error"], harness.Api.Routes);
        Assert.Equal("Runtime.BeforeSnapshotError", harness.Api.Calls[1].Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("RuntimeApiClientException", ErrorJson.Parse(harness.Api.Calls[1].Body).Type);
        Assert.DoesNotContain(harness.Events, e => e.StartsWith("after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_after_restore_hook_stops_the_rest_and_reports_AfterRestoreError_to_restore_error()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        AddHooks(harness, 3, failAfter: 2);
        var bootstrap = harness.Create(Echo(harness), Init(harness));

        await bootstrap.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["init", "before 3", "before 2", "before 1", "after 1", "after 2"], harness.Events);
        Assert.Equal(["GET /runtime/restore/next", "POST /runtime/restore/error"], harness.Api.Routes);
        var call = harness.Api.Calls[1];
        Assert.Equal("Runtime.AfterRestoreError", call.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("ArgumentException", ErrorJson.Parse(call.Body).Type);
        Assert.Empty(harness.Exits);
    }

    [Fact]
    public async Task An_init_failure_on_demand_posts_init_error_without_a_type_header_and_ends_the_runtime()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var bootstrap = harness.Create(Echo(harness), () => throw new FileNotFoundException("missing config", "app.json"));

        var thrown = await Assert.ThrowsAsync<FileNotFoundException>(() => bootstrap.RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal("missing config", thrown.Message);
        var call = Assert.Single(harness.Api.Calls);
        Assert.Equal("POST /runtime/init/error", call.Route);
        Assert.Null(call.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("application/vnd.aws.lambda.error+json", call.Header("Content-Type")?.Split(';')[0]);
        Assert.Equal("FileNotFoundException", ErrorJson.Parse(call.Body).Type);
        Assert.Empty(harness.Exits);
    }

    [Fact]
    public async Task An_init_failure_under_snap_start_posts_init_error_then_exits_1_without_running_hooks()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        AddHooks(harness, 2);
        var bootstrap = harness.Create(Echo(harness), () => throw new InvalidOperationException("ctor failed"));

        await bootstrap.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["POST /runtime/init/error"], harness.Api.Routes);
        Assert.Equal([1], harness.Exits);
        Assert.Empty(harness.Events);
    }

    [Fact]
    public async Task A_handler_exception_posts_the_invocation_error_and_the_loop_goes_on()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var bootstrap = harness.Create(invocation => invocation.LambdaContext.AwsRequestId == "bad"
            ? throw new InvalidOperationException("outer \"quoted\"", new FormatException("inner"))
            : Echo(harness)(invocation));
        harness.Api.Enqueue(new FakeInvocation("bad", "{}"));
        harness.Api.Enqueue(new FakeInvocation("good", "{}"));
        _ = harness.RunInBackground(bootstrap);

        await harness.Api.WaitForRouteAsync("POST /runtime/invocation/good/response");
        var call = harness.Api.Calls.Single(c => c.Route == "POST /runtime/invocation/bad/error");
        Assert.Equal("InvalidOperationException", call.Header("Lambda-Runtime-Function-Error-Type"));
        var error = ErrorJson.Parse(call.Body);
        Assert.Equal(["errorType", "errorMessage", "stackTrace", "cause"], error.PropertyNames);
        Assert.Equal("outer \"quoted\"", error.Message);
        Assert.NotEmpty(error.StackTrace);
        Assert.All(error.StackTrace, line => Assert.StartsWith("at ", line, StringComparison.Ordinal));
        Assert.Equal("FormatException", error.Cause!.Type);
        Assert.Equal("inner", error.Cause.Message);
        Assert.Contains("\tbad\tfail\tSystem.InvalidOperationException: outer", harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_response_is_logged_and_the_environment_keeps_serving()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        harness.Api.ResponseStatus = 413;
        var bootstrap = harness.Create(Echo(harness));
        harness.Api.Enqueue(new FakeInvocation("req-1", "{}"));
        harness.Api.Enqueue(new FakeInvocation("req-2", "{}"));
        _ = harness.RunInBackground(bootstrap);

        await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-2/response");
        Assert.Contains("413", harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_carries_the_runtime_user_agent()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var bootstrap = harness.Create(Echo(harness));
        harness.Api.Enqueue(new FakeInvocation("req-1", "{}"));
        _ = harness.RunInBackground(bootstrap);
        await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/response");

        Assert.All(harness.Api.Calls, call => Assert.Matches(@"^thaw-lambda-dotnet/[^/\s]+-\d+\.\d+\.\d+\.\d+$", call.Header("User-Agent")));
        Assert.Equal(TimeSpan.FromHours(12), LambdaBootstrap.RuntimeApiHttpTimeout);
    }

    [Fact]
    public async Task Void_output_sends_an_empty_response_body()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var bootstrap = harness.Create(_ => Task.FromResult(new InvocationResponse(new MemoryStream(Encoding.UTF8.GetBytes(string.Empty)))));
        harness.Api.Enqueue(new FakeInvocation("req-1", "{}"));
        _ = harness.RunInBackground(bootstrap);
        var call = await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/response");
        Assert.Equal(string.Empty, call.Body);
    }
}
