using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Context;

internal sealed class LambdaContext : ILambdaContext
{
    private readonly TimeProvider _timeProvider;
    private readonly long _deadlineMs;

    public LambdaContext(LambdaEnvironment environment, TimeProvider timeProvider, ILambdaLogger logger, string awsRequestId, long deadlineMs)
    {
        _timeProvider = timeProvider;
        _deadlineMs = deadlineMs;
        AwsRequestId = awsRequestId;
        Logger = logger;
        FunctionName = environment.FunctionName;
        FunctionVersion = environment.FunctionVersion;
        MemoryLimitInMB = environment.MemoryLimitInMB;
        LogGroupName = environment.LogGroupName;
        LogStreamName = environment.LogStreamName;
    }

    public string AwsRequestId { get; }

    public IClientContext? ClientContext { get; init; }

    public string FunctionName { get; }

    public string FunctionVersion { get; }

    public ICognitoIdentity? Identity { get; init; }

    public string InvokedFunctionArn { get; init; } = string.Empty;

    public ILambdaLogger Logger { get; }

    public string LogGroupName { get; }

    public string LogStreamName { get; }

    public int MemoryLimitInMB { get; }

    public TimeSpan RemainingTime =>
        TimeSpan.FromMilliseconds(_deadlineMs - _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    public string TraceId { get; init; } = string.Empty;

    public string? TenantId { get; init; }
}
