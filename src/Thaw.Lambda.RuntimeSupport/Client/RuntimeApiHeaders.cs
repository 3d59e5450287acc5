namespace Thaw.Lambda.RuntimeSupport.Client;

/// <summary>Wire names of the Lambda Runtime API (2018-06-01), named once. See RUNTIME-API.md.</summary>
internal static class RuntimeApiHeaders
{
    public const string ApiVersionPath = "/2018-06-01";
    public const string PathInvocationNext = "/runtime/invocation/next";
    public const string PathInvocationPrefix = "/runtime/invocation/";
    public const string PathInvocationResponseSuffix = "/response";
    public const string PathInvocationErrorSuffix = "/error";
    public const string PathInitError = "/runtime/init/error";
    public const string PathRestoreNext = "/runtime/restore/next";
    public const string PathRestoreError = "/runtime/restore/error";

    public const string HeaderAwsRequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string HeaderDeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string HeaderInvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string HeaderTraceId = "Lambda-Runtime-Trace-Id";
    public const string HeaderClientContext = "Lambda-Runtime-Client-Context";
    public const string HeaderCognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string HeaderAwsTenantId = "Lambda-Runtime-Aws-Tenant-Id";
    public const string HeaderFunctionErrorType = "Lambda-Runtime-Function-Error-Type";
    public const string HeaderUserAgent = "User-Agent";

    public const string ContentTypeError = "application/vnd.aws.lambda.error+json";

    public const string ErrorTypeBeforeSnapshot = "Runtime.BeforeSnapshotError";
    public const string ErrorTypeAfterRestore = "Runtime.AfterRestoreError";

    public static string InvocationResponsePath(string awsRequestId) =>
        PathInvocationPrefix + Uri.EscapeDataString(awsRequestId) + PathInvocationResponseSuffix;

    public static string InvocationErrorPath(string awsRequestId) =>
        PathInvocationPrefix + Uri.EscapeDataString(awsRequestId) + PathInvocationErrorSuffix;
}
