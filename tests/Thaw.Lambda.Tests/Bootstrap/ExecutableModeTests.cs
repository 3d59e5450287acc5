using Thaw.Lambda.RuntimeSupport.Bootstrap;
using Thaw.Lambda.Serialization.SystemTextJson;
using Thaw.Lambda.Tests.Fakes;

namespace Thaw.Lambda.Tests.Bootstrap;

/// <summary>The typed handlers that LambdaBootstrapBuilder wraps for executable functions share the same loop.</summary>
public sealed class ExecutableModeTests
{
    [Fact]
    public async Task Typed_builder_handlers_deserialize_call_and_serialize_through_the_loop()
    {
        await using var harness = await BootstrapHarness.StartAsync(snapStart: true);
        harness.BeforeSnapshot.Add(() =>
        {
            harness.Record("before");
            return ValueTask.CompletedTask;
        });
        var handler = HandlerWrapper.Typed<string, string>(
            (input, context) => Task.FromResult($"{input.ToUpperInvariant()} from {context.FunctionName}"),
            new DefaultLambdaJsonSerializer());
        var bootstrap = harness.Create(handler);
        harness.Api.Enqueue(new FakeInvocation("req-1", "\"bootstrap\""));
        _ = harness.RunInBackground(bootstrap);

        var response = await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/response");

        Assert.Equal("\"BOOTSTRAP from test\"", response.Body);
        Assert.Equal(["before"], harness.Events);
        Assert.Equal("GET /runtime/restore/next", harness.Api.Routes[0]);
    }

    [Fact]
    public async Task Typed_builder_handler_errors_are_invocation_errors()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var handler = HandlerWrapper.Typed<int>((_, _) => throw new NotSupportedException("nope"), new DefaultLambdaJsonSerializer());
        var bootstrap = harness.Create(handler);
        harness.Api.Enqueue(new FakeInvocation("req-1", "\"not a number\""));
        harness.Api.Enqueue(new FakeInvocation("req-2", "5"));
        _ = harness.RunInBackground(bootstrap);

        var serializerError = await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-1/error");
        var handlerError = await harness.Api.WaitForRouteAsync("POST /runtime/invocation/req-2/error");

        Assert.Equal("JsonSerializerException", serializerError.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("NotSupportedException", handlerError.Header("Lambda-Runtime-Function-Error-Type"));
    }
}
