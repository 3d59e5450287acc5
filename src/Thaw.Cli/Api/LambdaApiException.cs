using System.Net;

namespace Thaw.Cli.Api;

/// <summary>The host answered with an AWS-style error (<c>x-amzn-ErrorType</c> and a message).</summary>
internal sealed class LambdaApiException : Exception
{
    public LambdaApiException()
    {
        ErrorType = "Unknown";
    }

    public LambdaApiException(string message)
        : base(message)
    {
        ErrorType = "Unknown";
    }

    public LambdaApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Unknown";
    }

    public LambdaApiException(HttpStatusCode statusCode, string errorType, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The AWS error code, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorType { get; }

    public bool IsNotFound => ErrorType == WireNames.ErrorResourceNotFound || StatusCode == HttpStatusCode.NotFound;
}
