using System.Text.Json;
using Thaw.Lambda.Tests.Fakes;

namespace Thaw.Lambda.Tests.Process;

/// <summary>The published runtime as a child process against the fake Runtime API, with published sample functions.</summary>
public sealed class PublishedRuntimeTests(PublishedArtifacts artifacts) : IClassFixture<PublishedArtifacts>
{
    internal const string ProbeHandler = "SnapStartProbe::SnapStartProbe.Probe::Handle";
    internal const string MacAddrFile = "/tmp/macaddr.txt";

    private Dictionary<string, string> Environment(FakeRuntimeApi api, string handler, string taskRoot, bool snapStart) => new()
    {
        ["_HANDLER"] = handler,
        ["LAMBDA_TASK_ROOT"] = taskRoot,
        ["LAMBDA_RUNTIME_DIR"] = Path.GetDirectoryName(artifacts.RuntimeDll)!,
        ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
        ["AWS_LAMBDA_FUNCTION_NAME"] = "fn",
        ["AWS_LAMBDA_FUNCTION_VERSION"] = snapStart ? "3" : "$LATEST",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EXECUTION_ENV"] = "AWS_Lambda_dotnet10",
        ["TZ"] = "UTC",
        ["AWS_LAMBDA_INITIALIZATION_TYPE"] = snapStart ? "snap-start" : "on-demand",
    };

    [Fact]
    public async Task HelloWorld_runs_under_the_published_runtime()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        api.Enqueue(new FakeInvocation("req-1", "{\"name\":\"Ada\"}"));
        api.Enqueue(new FakeInvocation("req-2", "[1,2]"));
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, Environment(api, "HelloWorld::HelloWorld.Greeter::FunctionHandler", PublishedArtifacts.HelloWorld, snapStart: false));

        var response = await api.WaitForRouteAsync("POST /runtime/invocation/req-1/response", TimeSpan.FromSeconds(60));
        var error = await api.WaitForRouteAsync("POST /runtime/invocation/req-2/error", TimeSpan.FromSeconds(60));

        Assert.Equal("{\"message\":\"Hello, Ada!\"}", response.Body);
        Assert.Equal("JsonSerializerException", error.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.StartsWith("Error converting the Lambda event JSON payload to type HelloWorld.GreetingRequest", ErrorJson.Parse(error.Body).Message, StringComparison.Ordinal);
        var line = await runtime.WaitForLineAsync(l => l.Contains("Greeting Ada", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\treq-1\tinfo\tGreeting Ada from fn$", line);
        Assert.DoesNotContain(api.Routes, r => r.Contains("restore", StringComparison.Ordinal) || r.Contains("init/error", StringComparison.Ordinal));
        Assert.StartsWith("thaw-lambda-dotnet/", response.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOp_echoes_its_payload_bytes()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        api.Enqueue(new FakeInvocation("req-1", "{\"any\":[\"thing\"]}"));
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, Environment(api, "NoOp::NoOp.Echo::Handler", PublishedArtifacts.NoOp, snapStart: false));

        var response = await api.WaitForRouteAsync("POST /runtime/invocation/req-1/response", TimeSpan.FromSeconds(60));
        Assert.Equal("{\"any\":[\"thing\"]}", response.Body);
    }

    [Fact]
    public async Task SnapStartProbe_hooks_run_in_the_official_order_around_restore_next()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        api.AutoRestore = false;
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, Environment(api, ProbeHandler, PublishedArtifacts.SnapStartProbe, snapStart: true));

        await api.WaitForRouteAsync("GET /runtime/restore/next", TimeSpan.FromSeconds(60));
        await runtime.WaitForLineAsync(l => l.EndsWith("\tHOOK before 1", StringComparison.Ordinal));
        var hookLines = runtime.Lines.Where(l => l.Contains("\tHOOK ", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf('\t') + 1)..]).ToList();
        // The hooks are registered by the function against its own reference to Thaw.Lambda.Core: that the runtime
        // runs them at all shows the SDK assembly is shared.
        Assert.Equal(["HOOK before 3", "HOOK before 2", "HOOK before 1"], hookLines);

        api.ReleaseRestore();
        api.Enqueue(new FakeInvocation("req-1", "{}"));
        var response = await api.WaitForRouteAsync("POST /runtime/invocation/req-1/response", TimeSpan.FromSeconds(60));

        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal(
            ["HOOK before 3", "HOOK before 2", "HOOK before 1", "HOOK after 1", "HOOK after 2", "HOOK after 3"],
            root.GetProperty("hooks").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal(runtime.Id, root.GetProperty("processId").GetInt32());
        Assert.StartsWith("written during Init by pid " + runtime.Id, root.GetProperty("tmp").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("invocations").GetInt32());
        Assert.Equal(256L * 1024 * 1024, root.GetProperty("gcAvailableBytes").GetInt64());
        Assert.Contains(root.GetProperty("macs").EnumerateArray(), m => m.GetString()!.StartsWith("lo:", StringComparison.Ordinal));
        Assert.Equal(["GET /runtime/restore/next", "GET /runtime/invocation/next", "POST /runtime/invocation/req-1/response"], api.Routes.Take(3));
    }

    [Fact]
    public async Task SnapStartProbe_after_restore_failure_is_reported_to_restore_error_and_the_runtime_ends()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var environment = Environment(api, ProbeHandler, PublishedArtifacts.SnapStartProbe, snapStart: true);
        environment["PROBE_FAIL_AFTER_RESTORE"] = "true";
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, environment);

        var call = await api.WaitForRouteAsync("POST /runtime/restore/error", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await runtime.WaitForExitAsync());

        Assert.Equal("Runtime.AfterRestoreError", call.Header("Lambda-Runtime-Function-Error-Type"));
        var error = ErrorJson.Parse(call.Body);
        Assert.Equal("InvalidOperationException", error.Type);
        Assert.Contains("After-restore hook 2 failure", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Lines, l => l.EndsWith("HOOK after 3", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Routes, r => r == "GET /runtime/invocation/next");
    }

    [Fact]
    public async Task SnapStartProbe_constructor_failure_under_snap_start_posts_init_error_and_exits_1()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var environment = Environment(api, ProbeHandler, PublishedArtifacts.SnapStartProbe, snapStart: true);
        environment["PROBE_THROW_IN_CONSTRUCTOR"] = "true";
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, environment);

        Assert.Equal(1, await runtime.WaitForExitAsync());
        var call = Assert.Single(api.Calls);
        Assert.Equal("POST /runtime/init/error", call.Route);
        Assert.Equal("InvalidOperationException", ErrorJson.Parse(call.Body).Type);
        Assert.Contains("PROBE_THROW_IN_CONSTRUCTOR", ErrorJson.Parse(call.Body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_handler_string_is_an_init_error_and_a_non_zero_exit()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, Environment(api, "HelloWorld::HelloWorld.Nope::FunctionHandler", PublishedArtifacts.HelloWorld, snapStart: false));

        Assert.Equal(1, await runtime.WaitForExitAsync());
        var call = Assert.Single(api.Calls);
        Assert.Equal("POST /runtime/init/error", call.Route);
        Assert.Equal("LambdaValidationException", ErrorJson.Parse(call.Body).Type);
    }

    [Fact]
    public async Task SnapStartProbe_handler_exceptions_and_crashes_behave_as_lambda_expects()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        api.Enqueue(new FakeInvocation("req-throw", "{\"throw\":\"asked to throw\"}"));
        api.Enqueue(new FakeInvocation("req-exit", "{\"crash\":\"exit\",\"exitCode\":7}"));
        using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, Environment(api, ProbeHandler, PublishedArtifacts.SnapStartProbe, snapStart: false));

        var error = await api.WaitForRouteAsync("POST /runtime/invocation/req-throw/error", TimeSpan.FromSeconds(60));
        Assert.Equal("InvalidOperationException", error.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("asked to throw", ErrorJson.Parse(error.Body).Message);
        Assert.Equal(7, await runtime.WaitForExitAsync());
    }

    [Fact]
    public async Task MacAddressProbe_prints_one_interface_per_line_that_the_seeds_query_can_parse()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var environment = Environment(api, "MacAddressProbe::MacAddressProbe.Probe::Handle", PublishedArtifacts.MacAddressProbe, snapStart: true);
        environment["SLEEP_MS"] = "0";
        api.Enqueue(new FakeInvocation("req-1", "{\"resource\":\"/\",\"path\":\"/\",\"httpMethod\":\"GET\",\"requestContext\":{\"stage\":\"prod\"}}"));
        try
        {
            using var runtime = RuntimeProcess.Start(artifacts.RuntimeDll, environment);
            var response = await api.WaitForRouteAsync("POST /runtime/invocation/req-1/response", TimeSpan.FromSeconds(60));
            Assert.Equal("{\"statusCode\":200,\"body\":\"{}\",\"isBase64Encoded\":false}", response.Body);

            var nicLines = await runtime.WaitForLinesAsync(l => l.StartsWith("lo:", StringComparison.Ordinal), 5);
            // Written before the snapshot, read back after restore, listed after restore, read and listed in the handler.
            Assert.Equal(["lo:", "lo:", "lo:", "lo:", "lo:"], nicLines);
            var macLine = new System.Text.RegularExpressions.Regex("^(?<nic>[^:]+):(?<mac>([0-9A-F]{2}(-[0-9A-F]{2}){5})?)$");
            var file = await File.ReadAllLinesAsync(MacAddrFile, TestContext.Current.CancellationToken);
            Assert.All(file, line => Assert.Matches(macLine, line));
            Assert.All(file, line => Assert.Contains(line, runtime.Lines));
        }
        finally
        {
            File.Delete(MacAddrFile);
        }
    }

    [Fact]
    public async Task ShellBootstrap_serves_invocations_with_curl()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        api.Enqueue(new FakeInvocation("req-1", "{\"a\":1}"));
        var sample = Path.Combine(PublishedArtifacts.RepositoryRoot, "samples", "ShellBootstrap");
        using var runtime = RuntimeProcess.StartExecutable(Path.Combine(sample, "bootstrap"), new Dictionary<string, string>
        {
            ["_HANDLER"] = "function.handler",
            ["LAMBDA_TASK_ROOT"] = sample,
            ["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort,
        });

        var response = await api.WaitForRouteAsync("POST /runtime/invocation/req-1/response", TimeSpan.FromSeconds(60));
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(1, json.RootElement.GetProperty("echo").GetProperty("a").GetInt32());
        await runtime.WaitForLineAsync(l => l == "STDERR Event: {\"a\":1}");
    }
}
