namespace Thaw.Agent.Control;

/// <summary>Header field names of control frames, as PROTOCOL.md spells them.</summary>
internal static class FrameFields
{
    public const string RequestId = "requestId";
    public const string DeadlineMs = "deadlineMs";
    public const string InvokedFunctionArn = "invokedFunctionArn";
    public const string TraceId = "traceId";
    public const string ClientContext = "clientContext";
    public const string CognitoIdentity = "cognitoIdentity";
    public const string TenantId = "tenantId";
    public const string ContentType = "contentType";
    public const string RestoreHookTimeoutMs = "restoreHookTimeoutMs";
    public const string RuntimePid = "runtimePid";
    public const string Port = "port";
    public const string ErrorType = "errorType";
    public const string Timestamp = "ts";
    public const string Stream = "stream";
    public const string ExitCode = "exitCode";
    public const string Signal = "signal";

    /// <summary>The runtime's stdout and stderr share one pipe (so their lines keep their order); both are "stdout".</summary>
    public const string StreamStdout = "stdout";
}
