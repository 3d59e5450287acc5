using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.Tests.Fakes;

namespace Thaw.Lambda.Tests.Bootstrap;

public sealed class ContextHeaderTests
{
    [Fact]
    public async Task Invocation_headers_and_environment_become_the_lambda_context()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        var seen = new TaskCompletionSource<(ILambdaContext Context, TimeSpan Remaining, TimeSpan Later, string? TraceVariable)>();
        var bootstrap = harness.Create(invocation =>
        {
            var context = invocation.LambdaContext;
            var remaining = context.RemainingTime;
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            seen.TrySetResult((context, remaining, context.RemainingTime, harness.Environment["_X_AMZN_TRACE_ID"]));
            return Task.FromResult(new InvocationResponse(new MemoryStream()));
        });
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        harness.Api.Enqueue(new FakeInvocation("8476a536-e9f4-11e8-9739-2dfe598c3fcd", "{}")
        {
            DeadlineMs = harness.Time.GetUtcNow().ToUnixTimeMilliseconds() + 5000,
            FunctionArn = "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime:live",
            TraceId = trace,
            ClientContext = """{"client":{"installation_id":"inst-1","app_title":"Probe","app_version_name":"1.2","app_version_code":"12","app_package_name":"com.example"},"custom":{"k":"v"},"env":{"platform":"Android"}}""",
            CognitoIdentity = """{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}""",
            TenantId = "tenant-9",
        });
        _ = harness.RunInBackground(bootstrap);

        var (context, remaining, later, traceVariable) = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", context.AwsRequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(5000), remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(4000), later);
        Assert.Equal("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime:live", context.InvokedFunctionArn);
        Assert.Equal(trace, context.TraceId);
        Assert.Equal(trace, traceVariable);
        Assert.Equal("tenant-9", context.TenantId);
        Assert.Equal("test", context.FunctionName);
        Assert.Equal("7", context.FunctionVersion);
        Assert.Equal(512, context.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/test", context.LogGroupName);
        Assert.Equal("2026/12/04/[7]abc", context.LogStreamName);
        Assert.Equal("inst-1", context.ClientContext!.Client!.InstallationId);
        Assert.Equal("Probe", context.ClientContext.Client.AppTitle);
        Assert.Equal("com.example", context.ClientContext.Client.AppPackageName);
        Assert.Equal("v", context.ClientContext.Custom["k"]);
        Assert.Equal("Android", context.ClientContext.Environment["platform"]);
        Assert.Equal("us-east-1:abc", context.Identity!.IdentityId);
        Assert.Equal("us-east-1:pool", context.Identity.IdentityPoolId);
    }

    [Fact]
    public async Task Absent_optional_headers_leave_the_context_empty_and_clear_the_trace_variable()
    {
        await using var harness = await BootstrapHarness.StartAsync();
        harness.Environment["_X_AMZN_TRACE_ID"] = "stale";
        var seen = new TaskCompletionSource<ILambdaContext>();
        var bootstrap = harness.Create(invocation =>
        {
            seen.TrySetResult(invocation.LambdaContext);
            return Task.FromResult(new InvocationResponse(new MemoryStream()));
        });
        harness.Api.Enqueue(new FakeInvocation("r", "{}") { ClientContext = "not json", CognitoIdentity = "[1]" });
        _ = harness.RunInBackground(bootstrap);

        var context = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, context.TraceId);
        Assert.Null(context.TenantId);
        Assert.Null(context.ClientContext);
        Assert.Null(context.Identity);
        Assert.Null(harness.Environment["_X_AMZN_TRACE_ID"]);
    }
}
