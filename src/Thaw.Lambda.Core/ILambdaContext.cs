namespace Thaw.Lambda.Core;

/// <summary>The context of one invocation, as Lambda gives it to a handler.</summary>
public interface ILambdaContext
{
    /// <summary>The request id of this invocation.</summary>
    string AwsRequestId { get; }

    /// <summary>The client context sent by an AWS Mobile SDK, or null.</summary>
    IClientContext? ClientContext { get; }

    /// <summary>The function's name.</summary>
    string FunctionName { get; }

    /// <summary>The function's version, or <c>$LATEST</c>.</summary>
    string FunctionVersion { get; }

    /// <summary>The Cognito identity sent by an AWS Mobile SDK, or null.</summary>
    ICognitoIdentity? Identity { get; }

    /// <summary>The ARN used to invoke this function (it may name a version or alias).</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The logger for this invocation.</summary>
    ILambdaLogger Logger { get; }

    /// <summary>The CloudWatch log group of the function.</summary>
    string LogGroupName { get; }

    /// <summary>The CloudWatch log stream of this execution environment.</summary>
    string LogStreamName { get; }

    /// <summary>The memory configured for the function, in MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>The time left before the invocation times out.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header of this invocation, or an empty string.</summary>
    string TraceId => string.Empty;

    /// <summary>The tenant id of this invocation (tenant isolation mode), or null.</summary>
    string? TenantId => null;
}
