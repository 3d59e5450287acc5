using System.Net;
using System.Text;
using Thaw.Agent.Protocol;
using Thaw.Agent.Tests.Harness;

namespace Thaw.Agent.Tests.RuntimeApi;

public sealed class InvocationTests
{
    internal const string Accepted = "{\"status\":\"OK\"}\n";

    [Fact]
    public async Task Invoke_RoundTrip_DeliversEveryHeaderAndForwardsTheResponse()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);

        var next = runtime.NextAsync();
        await agent.ExpectAsync(FrameKind.InitComplete);
        Assert.False(next.IsCompleted, "invocation/next must wait for an Invoke frame");

        await agent.SendInvokeAsync("req-1", "{\"a\":1}", new Dictionary<string, object?>
        {
            ["traceId"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            ["clientContext"] = "{\"custom\":{\"k\":\"v\"}}",
            ["cognitoIdentity"] = "{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}",
            ["tenantId"] = "tenant-7",
            ["contentType"] = "application/x-test",
        });
        using var invoke = await next;
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Equal("req-1", invoke.Single("Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal("1900000000000", invoke.Single("Lambda-Runtime-Deadline-Ms"));
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:f", invoke.Single("Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", invoke.Single("Lambda-Runtime-Trace-Id"));
        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", invoke.Single("Lambda-Runtime-Client-Context"));
        Assert.Equal("{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}", invoke.Single("Lambda-Runtime-Cognito-Identity"));
        Assert.Equal("tenant-7", invoke.Single("Lambda-Runtime-Aws-Tenant-Id"));
        Assert.Equal("application/x-test", invoke.Single("Content-Type"));
        Assert.Equal("{\"a\":1}", await invoke.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var accepted = await runtime.PostAsync("runtime/invocation/req-1/response", "hello", "text/plain");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(Accepted, await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", accepted.Single("Content-Type"));

        var response = await agent.ExpectAsync(FrameKind.Response);
        Assert.Equal("req-1", response.GetString("requestId"));
        Assert.Equal("text/plain", response.GetString("contentType"));
        Assert.Equal("hello", response.Body());

        // The second event: optional headers absent, content type defaulted, no second InitComplete.
        var second = runtime.NextAsync();
        await agent.SendAsync(FrameKind.Invoke, new Dictionary<string, object?> { ["requestId"] = "req-2" }, "[]"u8.ToArray());
        using var invoke2 = await second;
        Assert.Equal("req-2", invoke2.Single("Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal("application/json", invoke2.Single("Content-Type"));
        foreach (var absent in new[] { "Lambda-Runtime-Trace-Id", "Lambda-Runtime-Client-Context", "Lambda-Runtime-Cognito-Identity", "Lambda-Runtime-Aws-Tenant-Id", "Lambda-Runtime-Deadline-Ms", "Lambda-Runtime-Invoked-Function-Arn" })
        {
            Assert.False(invoke2.Has(absent), $"{absent} must be omitted when empty");
        }

        using var accepted2 = await runtime.PostAsync("runtime/invocation/req-2/response", "{}");
        Assert.Equal(HttpStatusCode.Accepted, accepted2.StatusCode);
        Assert.Equal("req-2", (await agent.ExpectAsync(FrameKind.Response)).GetString("requestId"));
    }

    [Fact]
    public async Task Invoke_QueuedBeforeNext_IsDeliveredByTheFirstNext()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        await agent.SendInvokeAsync("early");

        using var invoke = await runtime.NextAsync();
        Assert.Equal("early", invoke.Single("Lambda-Runtime-Aws-Request-Id"));
        await agent.ExpectAsync(FrameKind.InitComplete);
    }

    [Fact]
    public async Task Response_WithAnotherRequestId_Is400InvalidRequestId()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);

        // No invocation yet: RAPID's current id is empty, so every id is invalid.
        using var early = await runtime.PostAsync("runtime/invocation/nothing/response", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n", await early.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        await agent.SendInvokeAsync("right");
        using var invoke = await runtime.NextAsync();
        using var wrong = await runtime.PostAsync("runtime/invocation/wrong/response", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var wrongError = await runtime.PostAsync("runtime/invocation/wrong/error", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, wrongError.StatusCode);

        // The invocation is still open: the right id is accepted.
        using var right = await runtime.PostAsync("runtime/invocation/right/response", "{}");
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Equal("right", (await agent.ExpectAsync(FrameKind.Response)).GetString("requestId"));
    }

    [Fact]
    public async Task Response_OverTheLimit_Is413AndFunctionResponseSizeTooLarge()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);

        // Exactly the limit (6 MiB + 100 bytes) passes.
        await agent.SendInvokeAsync("fits");
        (await runtime.NextAsync()).Dispose();
        var fits = new byte[(6 * 1024 * 1024) + 100];
        fits.AsSpan().Fill((byte)'a');
        using var ok = await runtime.PostAsync("runtime/invocation/fits/response", fits);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(fits.Length, (await agent.ExpectAsync(FrameKind.Response)).Body.Length);

        await agent.SendInvokeAsync("big");
        (await runtime.NextAsync()).Dispose();
        var big = new byte[fits.Length + 1];
        using var tooLarge = await runtime.PostAsync("runtime/invocation/big/response", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(
            "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}\n",
            await tooLarge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("big", error.GetString("requestId"));
        Assert.Equal("Function.ResponseSizeTooLarge", error.GetString("errorType"));
        Assert.Equal(
            "{\"errorType\":\"Function.ResponseSizeTooLarge\",\"errorMessage\":\"Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).\"}",
            error.Body());

        // The invocation is over: the runtime may ask for the next one.
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("after");
        using var after = await next;
        Assert.Equal("after", after.Single("Lambda-Runtime-Aws-Request-Id"));
    }

    [Fact]
    public async Task Error_Type_IsValidatedAsRapidDoes()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var cases = new (string? Header, string Expected)[]
        {
            ("Function.MyError", "Function.MyError"),
            ("Runtime.AfterRestoreError", "Runtime.AfterRestoreError"),
            ("InvalidOperationException", "Runtime.Unknown"),
            ("Function.x", "Function.Unknown"),
            ("Function.", "Function.Unknown"),
            ("MyRuntime.Crash", "MyRuntime.Crash"),
            ("Runtime.A", "Runtime.Unknown"),
            (null, "Runtime.Unknown"),
        };
        var i = 0;
        foreach (var (header, expected) in cases)
        {
            var id = $"e{i++}";
            var next = runtime.NextAsync();
            await agent.SendInvokeAsync(id);
            (await next).Dispose();
            var headers = header is null ? null : new Dictionary<string, string> { ["Lambda-Runtime-Function-Error-Type"] = header };
            using var accepted = await runtime.PostAsync($"runtime/invocation/{id}/error", "{\"errorMessage\":\"boom\",\"errorType\":\"X\"}", "application/vnd.aws.lambda.error+json", headers);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Equal(Accepted, await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var error = await agent.ExpectAsync(FrameKind.InvocationError);
            Assert.Equal(id, error.GetString("requestId"));
            Assert.Equal(expected, error.GetString("errorType"));
            Assert.Equal("{\"errorMessage\":\"boom\",\"errorType\":\"X\"}", error.Body());
            Assert.Equal("application/vnd.aws.lambda.error+json", error.GetString("contentType"));
        }
    }

    [Fact]
    public async Task Error_WithErrorCauseContentType_IsFilteredToTheErrorShape()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("c1");
        (await next).Dispose();
        using var accepted = await runtime.PostAsync(
            "runtime/invocation/c1/error",
            "{\"errorMessage\":\"a<b\",\"errorType\":\"E\",\"stackTrace\":[\"at x\"],\"errorCause\":{\"paths\":[\"/x\"]}}",
            "application/vnd.aws.lambda.error.cause+json");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("{\"errorMessage\":\"a\\u003cb\",\"errorType\":\"E\",\"stackTrace\":[\"at x\"]}", error.Body());
        Assert.Equal("application/json", error.GetString("contentType"));

        next = runtime.NextAsync();
        await agent.SendInvokeAsync("c2");
        (await next).Dispose();
        (await runtime.PostAsync("runtime/invocation/c2/error", "not json", "application/vnd.aws.lambda.error.cause+json")).Dispose();
        error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("\"Invalid error body\"", error.Body());
        Assert.Equal("application/octet-stream", error.GetString("contentType"));
    }

    [Fact]
    public async Task StateTransitions_OutOfOrder_Are403WithRapidsMessage()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("s1");
        (await next).Dispose();

        using var response = await runtime.PostAsync("runtime/invocation/s1/response", "{}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await agent.ExpectAsync(FrameKind.Response);

        using var again = await runtime.PostAsync("runtime/invocation/s1/response", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(
            "{\"errorMessage\":\"State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
            await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var error = await runtime.PostAsync("runtime/invocation/s1/error", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("from RuntimeResponseSentState to InvocationErrorResponse", await error.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var initError = await runtime.PostAsync("runtime/init/error", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, initError.StatusCode);
        Assert.Equal(
            "{\"errorMessage\":\"State transition from RuntimeResponseSentState to InitError failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
            await initError.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Next_WhileRunning_RendersTheCurrentEventAgain()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("r1", "{\"n\":1}");
        (await next).Dispose();

        // RAPID's RuntimeRunningState.Ready() returns nil: the same event comes back.
        using var again = await runtime.NextAsync();
        Assert.Equal("r1", again.Single("Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal("{\"n\":1}", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StreamingResponse_IsAssembledFromChunks_AndTrailersBecomeAnError()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("st1");
        (await next).Dispose();

        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync(
                "POST /2018-06-01/runtime/invocation/st1/response HTTP/1.1\r\nHost: x\r\n" +
                "Content-Type: application/vnd.awslambda.http-integration-response\r\n" +
                "Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n" +
                "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n" +
                "5\r\nhello\r\n6;ext=1\r\n world\r\n");
            await raw.SendAsync("0\r\n\r\n");
            var accepted = await raw.ReadResponseAsync();
            Assert.Equal(202, accepted!.Status);
            Assert.Equal(Accepted, accepted.BodyText);
        }

        var response = await agent.ExpectAsync(FrameKind.Response);
        Assert.Equal("hello world", response.Body());
        Assert.Equal("application/vnd.awslambda.http-integration-response", response.GetString("contentType"));

        next = runtime.NextAsync();
        await agent.SendInvokeAsync("st2");
        (await next).Dispose();
        var errorJson = "{\"errorMessage\":\"midway\",\"errorType\":\"IOException\"}";
        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync(
                "POST /2018-06-01/runtime/invocation/st2/response HTTP/1.1\r\nHost: x\r\n" +
                "Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n\r\n" +
                "4\r\npart\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.StreamError\r\n" +
                $"Lambda-Runtime-Function-Error-Body: {Convert.ToBase64String(Encoding.UTF8.GetBytes(errorJson))}\r\n\r\n");
            Assert.Equal(202, (await raw.ReadResponseAsync())!.Status);
        }

        var error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("st2", error.GetString("requestId"));
        Assert.Equal("Function.StreamError", error.GetString("errorType"));
        Assert.Equal(errorJson, error.Body());
    }

    [Fact]
    public async Task ResponseMode_OtherThanStreaming_Is400AndFailsTheInvocation()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("m1");
        (await next).Dispose();

        using var bad = await runtime.PostAsync("runtime/invocation/m1/response", "{}", headers: new Dictionary<string, string> { ["Lambda-Runtime-Function-Response-Mode"] = "buffered" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("{\"errorMessage\":\"Invalid function response mode\",\"errorType\":\"InvalidFunctionResponseMode\"}\n", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("Runtime.InvalidResponseModeHeader", error.GetString("errorType"));
    }

    [Fact]
    public async Task Response_CutShortByTheRuntime_IsRuntimeTruncatedResponse()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.SendInvokeAsync("t1");
        (await next).Dispose();

        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync("POST /2018-06-01/runtime/invocation/t1/response HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part");
            raw.ShutdownSend();
            var response = await raw.ReadResponseAsync();
            Assert.Equal(400, response!.Status);
            Assert.Equal("{\"errorMessage\":\"HTTP request detected as truncated\",\"errorType\":\"TruncatedHTTPRequest\"}\n", response.BodyText);
        }

        var error = await agent.ExpectAsync(FrameKind.InvocationError);
        Assert.Equal("Runtime.TruncatedResponse", error.GetString("errorType"));
        Assert.Equal("t1", error.GetString("requestId"));
    }
}
