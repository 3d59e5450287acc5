namespace Thaw.Host.Api;

/// <summary>An error that the Lambda API answers with an AWS error shape.</summary>
internal sealed class LambdaApiException : Exception
{
    public LambdaApiException(string code, string message, string? reason = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public LambdaApiException()
        : this(LambdaErrorCodes.Service, "Service error.")
    {
    }

    public LambdaApiException(string message)
        : this(LambdaErrorCodes.Service, message)
    {
    }

    public LambdaApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = LambdaErrorCodes.Service;
    }

    public string Code { get; }

    /// <summary>The <c>Reason</c> member of TooManyRequestsException, when any.</summary>
    public string? Reason { get; }

    public int StatusCode => LambdaErrorCodes.StatusOf(Code);

    public static LambdaApiException FunctionNotFound(string arn) => new(LambdaErrorCodes.ResourceNotFound, $"Function not found: {arn}");

    public static LambdaApiException InvalidParameter(string message) => new(LambdaErrorCodes.InvalidParameterValue, message);
}
