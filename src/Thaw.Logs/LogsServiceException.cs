namespace Thaw.Logs;

/// <summary>An error with an AWS error shape name (<c>ResourceNotFoundException</c>, …); the Logs API renders it as awsJson.</summary>
internal sealed class LogsServiceException(string errorType, string message) : Exception(message)
{
    public string ErrorType { get; } = errorType;
}
