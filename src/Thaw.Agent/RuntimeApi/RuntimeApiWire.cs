namespace Thaw.Agent.RuntimeApi;

/// <summary>Names and limits of the Lambda Runtime API as RAPID serves it (RUNTIME-API.md gives the sources).</summary>
internal static class RuntimeApiWire
{
    public const string VersionPrefix = "/2018-06-01";

    public const string PingPath = "/ping";
    public const string InvocationNextPath = "/runtime/invocation/next";
    public const string InvocationPathPrefix = "/runtime/invocation/";
    public const string ResponseSegment = "response";
    public const string ErrorSegment = "error";
    public const string InitErrorPath = "/runtime/init/error";
    public const string RestoreNextPath = "/runtime/restore/next";
    public const string RestoreErrorPath = "/runtime/restore/error";

    public const string HeaderAwsRequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string HeaderDeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string HeaderInvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string HeaderTraceId = "Lambda-Runtime-Trace-Id";
    public const string HeaderClientContext = "Lambda-Runtime-Client-Context";
    public const string HeaderCognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string HeaderAwsTenantId = "Lambda-Runtime-Aws-Tenant-Id";
    public const string HeaderContentType = "Content-Type";
    public const string HeaderFunctionErrorType = "Lambda-Runtime-Function-Error-Type";
    public const string HeaderFunctionErrorBody = "Lambda-Runtime-Function-Error-Body";
    public const string HeaderFunctionResponseMode = "Lambda-Runtime-Function-Response-Mode";
    public const string HeaderAllow = "Allow";
    public const string HeaderContentTypeOptions = "X-Content-Type-Options";

    public const string ResponseModeStreaming = "streaming";

    public const string ContentTypeJson = "application/json";
    public const string ContentTypeOctetStream = "application/octet-stream";
    public const string ContentTypeErrorCause = "application/vnd.aws.lambda.error.cause+json";
    public const string ContentTypeTextPlain = "text/plain; charset=utf-8";

    public const string VariableInitializationType = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public const string VariableRuntimeApi = "AWS_LAMBDA_RUNTIME_API";
    public const string InitializationTypeSnapStart = "snap-start";

    /// <summary>RAPID <c>interop.MaxPayloadSize</c>: 6 MiB + 100 bytes, for responses and events alike.</summary>
    public const int MaxPayloadSize = (6 * 1024 * 1024) + 100;
}
