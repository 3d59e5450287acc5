using System.Net;
using System.Text.RegularExpressions;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>Deploying and invoking functions through the Lambda API, as the AWS CLI does.</summary>
public sealed partial class InvokeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    [Fact]
    public async Task HelloWorld_dotnet10_deploys_and_answers_with_Lambda_headers_and_log_tail()
    {
        var package = await Artifacts.SampleAsync("HelloWorld");
        var created = await Lambda.CreateFunctionAsync("hello", package);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:hello", created.Json.GetProperty("FunctionArn").GetString());
        Assert.Equal("Active", created.Json.GetProperty("State").GetString());

        var response = await Lambda.InvokeAsync("hello", """{"name":"Thaw"}""", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, Thaw!", response.Json.GetProperty("message").GetString());
        Assert.Equal("$LATEST", response.Header("X-Amz-Executed-Version"));
        Assert.Null(response.FunctionError);
        var tail = response.LogTail!;
        Assert.Matches(StartLine(), tail);
        Assert.Contains("Greeting Thaw from hello", tail, StringComparison.Ordinal);
        Assert.Matches(ReportWithInitLine(), tail);
    }

    [Fact]
    public async Task Second_invocation_reuses_the_warm_environment_without_a_new_Init()
    {
        await Lambda.CreateFunctionAsync("warm", ShellFunction.Package());
        var first = (await Lambda.InvokeAsync("warm", """{"action":"pid"}""", tail: true));
        var second = (await Lambda.InvokeAsync("warm", """{"action":"pid"}""", tail: true));
        Assert.Equal(first.Json.GetProperty("host").GetString(), second.Json.GetProperty("host").GetString());
        Assert.Contains("Init Duration", first.LogTail!, StringComparison.Ordinal);
        Assert.DoesNotContain("Init Duration", second.LogTail!, StringComparison.Ordinal);

        var events = await Lambda.LogEventsWhenAsync("/aws/lambda/warm", e => e.Count(x => x.Message.StartsWith("REPORT", StringComparison.Ordinal)) >= 2);
        Assert.Single(events, e => e.Message.StartsWith("INIT_START", StringComparison.Ordinal));
        Assert.Single(events.Select(e => e.Stream).Distinct());
    }

    [Fact]
    public async Task Ten_concurrent_one_second_invocations_run_in_ten_environments()
    {
        await Lambda.CreateFunctionAsync("fanout", ShellFunction.Package());
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Lambda.InvokeAsync("fanout", """{"action":"sleep","seconds":1}""")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(responses, r => Assert.Null(r.FunctionError));

        var envs = await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=fanout", null);
        var list = envs.Json.GetProperty("Environments").EnumerateArray().ToList();
        Assert.Equal(10, list.Count);
        Assert.Equal(10, list.Select(e => e.GetProperty("HostPid").GetInt32()).Distinct().Count());
        Assert.All(list, e => Assert.Equal(["telemetry1_sb", "vinternal_1"], e.GetProperty("Interfaces").EnumerateArray().Select(i => i.GetProperty("Name").GetString()).Where(n => n != "lo").Order()));
        // Every environment has its own random, locally administered MACs.
        var macs = list.SelectMany(e => e.GetProperty("Interfaces").EnumerateArray()).Where(i => i.GetProperty("Name").GetString() != "lo").Select(i => i.GetProperty("MacAddress").GetString()!).ToList();
        Assert.Equal(20, macs.Distinct().Count());
        Assert.All(macs, m => Assert.Equal(2, Convert.ToInt32(m[..2], 16) & 0b11));
        var events = await Lambda.LogEventsWhenAsync("/aws/lambda/fanout", e => e.Count(x => x.Message.StartsWith("REPORT", StringComparison.Ordinal)) >= 10);
        Assert.Equal(10, events.Where(e => e.Message.StartsWith("INIT_START", StringComparison.Ordinal)).Select(e => e.Stream).Distinct().Count());
    }

    [Fact]
    public async Task Timeout_kills_the_environment_logs_task_timed_out_and_the_next_call_gets_a_new_one()
    {
        await Lambda.CreateFunctionAsync("slow", ShellFunction.Package(timeoutSeconds: 1));
        var warm = await Lambda.InvokeAsync("slow", """{"action":"pid"}""");
        var timedOut = await Lambda.InvokeAsync("slow", """{"action":"sleep","seconds":30}""", tail: true);
        Assert.Equal(HttpStatusCode.OK, timedOut.Status);
        Assert.Equal("Unhandled", timedOut.FunctionError);
        Assert.Contains("Task timed out after 1.00 seconds", timedOut.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("Task timed out after 1.00 seconds", timedOut.LogTail!, StringComparison.Ordinal);
        Assert.Contains("Status: timeout", timedOut.LogTail!, StringComparison.Ordinal);

        var after = await Lambda.InvokeAsync("slow", """{"action":"pid"}""", tail: true);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.NotEqual(warm.Json.GetProperty("host").GetString(), after.Json.GetProperty("host").GetString());
        Assert.Contains("Init Duration", after.LogTail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_is_Runtime_ExitError_and_the_host_keeps_serving()
    {
        await Lambda.CreateFunctionAsync("crashy", ShellFunction.Package());
        var crashed = await Lambda.InvokeAsync("crashy", """{"action":"exit","code":3}""", tail: true);
        Assert.Equal(HttpStatusCode.OK, crashed.Status);
        Assert.Equal("Unhandled", crashed.FunctionError);
        Assert.Equal("Runtime.ExitError", crashed.Json.GetProperty("errorType").GetString());
        Assert.Contains("Runtime exited with error: exit status 3", crashed.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("exiting on purpose", crashed.LogTail!, StringComparison.Ordinal);

        var ok = await Lambda.InvokeAsync("crashy", """{"action":"echo","x":1}""");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Null(ok.FunctionError);
    }

    [Fact]
    public async Task A_function_error_reported_by_the_runtime_is_Unhandled_with_its_error_body()
    {
        await Lambda.CreateFunctionAsync("failing", ShellFunction.Package());
        var failed = await Lambda.InvokeAsync("failing", """{"action":"fail"}""");
        Assert.Equal(HttpStatusCode.OK, failed.Status);
        Assert.Equal("Unhandled", failed.FunctionError);
        Assert.Equal("failed on purpose", failed.Json.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task An_Init_error_is_reported_as_Lambda_does()
    {
        await Lambda.CreateFunctionAsync("badinit", ShellFunction.Package(), b => b["Environment"] = new System.Text.Json.Nodes.JsonObject { ["Variables"] = new System.Text.Json.Nodes.JsonObject { ["INIT_FAIL"] = "1" } });
        var response = await Lambda.InvokeAsync("badinit", "{}", tail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Unhandled", response.FunctionError);
        Assert.Equal("init failed on purpose", response.Json.GetProperty("errorMessage").GetString());
        Assert.Matches(InitReportErrorLine(), response.LogTail!);
        Assert.Contains("failing init on purpose", response.LogTail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_invocations_are_accepted_with_202_and_run_in_the_background()
    {
        await Lambda.CreateFunctionAsync("async", ShellFunction.Package());
        var accepted = await Lambda.InvokeAsync("async", """{"action":"echo"}""", invocationType: "Event");
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var requestId = accepted.Header("x-amzn-RequestId");
        Assert.False(string.IsNullOrEmpty(requestId));
        var events = await Lambda.LogEventsWhenAsync("/aws/lambda/async", e => e.Any(x => x.Message.StartsWith("REPORT", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.Message.StartsWith("START RequestId: ", StringComparison.Ordinal));

        var dry = await Lambda.InvokeAsync("async", "{}", invocationType: "DryRun");
        Assert.Equal(HttpStatusCode.NoContent, dry.Status);
    }

    [Fact]
    public async Task The_environment_has_Lambdas_variables_and_its_own_namespaces()
    {
        await Lambda.CreateFunctionAsync("envcheck", ShellFunction.Package(), b => b["Environment"] = new System.Text.Json.Nodes.JsonObject { ["Variables"] = new System.Text.Json.Nodes.JsonObject { ["GREETING"] = "hi" } });
        var pid = await Lambda.InvokeAsync("envcheck", """{"action":"pid"}""");
        // The bootstrap is a child of the agent, which is pid 1 of the environment's own pid namespace.
        Assert.True(pid.Json.GetProperty("pid").GetInt32() < 100, pid.Text);
        var config = await Lambda.GetConfigurationAsync("envcheck");
        Assert.Equal("hi", config.Json.GetProperty("Environment").GetProperty("Variables").GetProperty("GREETING").GetString());
    }

    [GeneratedRegex(@"START RequestId: [0-9a-f-]{36} Version: \$LATEST")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\t")]
    private static partial Regex ReportWithInitLine();

    [GeneratedRegex(@"INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\tError Type: Runtime.InitFailedOnPurpose")]
    private static partial Regex InitReportErrorLine();
}
