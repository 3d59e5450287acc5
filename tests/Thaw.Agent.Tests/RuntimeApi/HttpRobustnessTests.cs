using System.Net;
using Thaw.Agent.Protocol;
using Thaw.Agent.Tests.Harness;

namespace Thaw.Agent.Tests.RuntimeApi;

public sealed class HttpRobustnessTests
{
    public static TheoryData<string, int> MalformedRequests => new()
    {
        { "GARBAGE\r\n\r\n", 400 },
        { "GET /2018-06-01/ping\r\n\r\n", 400 },
        { "GET  /2018-06-01/ping HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n", 400 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nX: a\u0001b\r\n\r\n", 400 },
        { "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400 },
        { "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400 },
        { "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", 400 },
        { "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501 },
        { "GET /2018-06-01/ping HTTP/2.0\r\nHost: x\r\n\r\n", 505 },
        { "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n", 417 },
        { "GET 2018-06-01/ping HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "GET /2018-06-01/runtime/invocation/%zz/response HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "POST /2018-06-01/runtime/invocation/%zz/response HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_GetsAnErrorStatus_AndTheAgentKeepsServing(string request, int expectedStatus)
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync(request);
            var response = await raw.ReadResponseAsync();
            Assert.NotNull(response);
            Assert.Equal(expectedStatus, response.Status);
        }

        await AssertServesInvocationsAsync(agent);
    }

    [Fact]
    public async Task BrokenChunkedBody_Is400_AndTheAgentKeepsServing()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            var response = await raw.ReadResponseAsync();
            Assert.NotNull(response);
            Assert.True(response.Status is 400 or 202, $"status {response.Status}");
            Assert.True(await raw.IsClosedByServerAsync());
        }

        using var runtime = new RuntimeClient(agent);
        using var ping = await runtime.GetAsync("ping");
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OversizedHeaderSection_Is431()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync("GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('a', 1_100_000) + "\r\n\r\n");
            var response = await raw.ReadResponseAsync();
            Assert.Equal(431, response!.Status);
        }

        await AssertServesInvocationsAsync(agent);
    }

    [Fact]
    public async Task ClientVanishingMidRequest_DoesNotHurtTheAgent()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            // Rejected before its body is read (no current invocation), then the client is gone.
            await raw.SendAsync("POST /2018-06-01/runtime/invocation/nobody/error HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort");
        }

        using (var raw = await RawHttp.ConnectAsync(agent.Port))
        {
            await raw.SendAsync("GET /2018-06-01/pi");
        }

        await AssertServesInvocationsAsync(agent);
    }

    [Fact]
    public async Task PipelinedRequests_AreAnsweredInOrder_OnOneConnection()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var raw = await RawHttp.ConnectAsync(agent.Port);
        await raw.SendAsync(
            "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\n\r\n" +
            "\r\nGET /2018-06-01/nope HTTP/1.1\r\nHost: x\r\n\r\n" +
            "PUT /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" +
            "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        var first = await raw.ReadResponseAsync();
        Assert.Equal(200, first!.Status);
        Assert.Equal("pong", first.BodyText);
        var second = await raw.ReadResponseAsync();
        Assert.Equal(404, second!.Status);
        Assert.Equal("404 page not found\n", second.BodyText);
        Assert.Equal("nosniff", second.Headers["X-Content-Type-Options"]);
        var third = await raw.ReadResponseAsync();
        Assert.Equal(405, third!.Status);
        Assert.Equal("GET", third.Headers["Allow"]);
        Assert.Empty(third.Body);
        var fourth = await raw.ReadResponseAsync();
        Assert.Equal(200, fourth!.Status);
    }

    [Fact]
    public async Task ExpectContinue_IsHonoured()
    {
        await using var agent = await AgentProcess.StartIdleAsync();
        using var raw = await RawHttp.ConnectAsync(agent.Port);
        await raw.SendAsync("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        var interim = await raw.ReadRawAsync("HTTP/1.1 100 Continue\r\n\r\n".Length);
        Assert.Equal("HTTP/1.1 100 Continue\r\n\r\n", interim);
        await raw.SendAsync("{}");
        Assert.Equal(202, (await raw.ReadResponseAsync())!.Status);
        Assert.Equal("{}", (await agent.ExpectAsync(FrameKind.InitError)).Body());
    }

    [Fact]
    public async Task NextOnOneConnection_DoesNotBlockOtherConnections_AndAClosedWaiterLosesNoEvent()
    {
        await using var agent = await AgentProcess.StartIdleAsync();

        // A /next whose client gives up must not swallow the event.
        using (var abandoned = await RawHttp.ConnectAsync(agent.Port))
        {
            await abandoned.SendAsync("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n");
            await agent.ExpectAsync(FrameKind.InitComplete);
        }

        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        using (var ping = await runtime.GetAsync("ping"))
        {
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        await agent.SendInvokeAsync("kept");
        using var invoke = await next;
        Assert.Equal("kept", invoke.Single("Lambda-Runtime-Aws-Request-Id"));
    }

    private static async Task AssertServesInvocationsAsync(AgentProcess agent)
    {
        using var runtime = new RuntimeClient(agent);
        var next = runtime.NextAsync();
        await agent.ExpectAsync(FrameKind.InitComplete);
        await agent.SendInvokeAsync("still-works");
        using var invoke = await next;
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        using var accepted = await runtime.PostAsync("runtime/invocation/still-works/response", "{}");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await agent.ExpectAsync(FrameKind.Response);
    }
}
