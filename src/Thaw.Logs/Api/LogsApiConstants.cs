namespace Thaw.Logs.Api;

/// <summary>Wire names of the CloudWatch Logs awsJson1.1 protocol (botocore logs/2014-03-28 metadata, Smithy aws-json).</summary>
internal static class LogsApiConstants
{
    public const string HeaderTarget = "X-Amz-Target";
    public const string TargetPrefix = "Logs_20140328.";
    public const string ContentType = "application/x-amz-json-1.1";
    public const string HeaderRequestId = "x-amzn-RequestId";
    public const string HeaderErrorType = "X-Amzn-ErrorType";
    public const int MaxRequestBytes = 16 * 1024 * 1024;
}
