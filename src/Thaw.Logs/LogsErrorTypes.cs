namespace Thaw.Logs;

/// <summary>Error shape names of the CloudWatch Logs service model (botocore logs/2014-03-28/service-2.json).</summary>
internal static class LogsErrorTypes
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string MalformedQuery = "MalformedQueryException";
    public const string LimitExceeded = "LimitExceededException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string Serialization = "SerializationException";
}
