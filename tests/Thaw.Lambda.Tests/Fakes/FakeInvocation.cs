namespace Thaw.Lambda.Tests.Fakes;

/// <summary>An event the fake Runtime API hands out from invocation/next.</summary>
public sealed record FakeInvocation(string RequestId, string Payload)
{
    public long DeadlineMs { get; init; } = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();

    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:test:7";

    public string? TraceId { get; init; }

    public string? ClientContext { get; init; }

    public string? CognitoIdentity { get; init; }

    public string? TenantId { get; init; }
}
