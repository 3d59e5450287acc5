namespace Thaw.Host.Api;

/// <summary>Lambda error codes as they appear in <c>x-amzn-ErrorType</c>, and their HTTP statuses (botocore lambda service-2.json).</summary>
internal static class LambdaErrorCodes
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceConflict = "ResourceConflictException";
    public const string InvalidParameterValue = "InvalidParameterValueException";
    public const string InvalidRequestContent = "InvalidRequestContentException";
    public const string RequestTooLarge = "RequestTooLargeException";
    public const string TooManyRequests = "TooManyRequestsException";
    public const string PreconditionFailed = "PreconditionFailedException";
    public const string Service = "ServiceException";
    public const string SnapStart = "SnapStartException";
    public const string SnapStartTimeout = "SnapStartTimeoutException";
    public const string SnapStartNotReady = "SnapStartNotReadyException";
    public const string ResourceNotReady = "ResourceNotReadyException";
    public const string InvalidZipFile = "InvalidZipFileException";
    public const string UnsupportedMediaType = "UnsupportedMediaTypeException";

    public static int StatusOf(string code) => code switch
    {
        ResourceNotFound => 404,
        ResourceConflict => 409,
        RequestTooLarge => 413,
        TooManyRequests => 429,
        PreconditionFailed => 412,
        Service => 500,
        SnapStartTimeout => 408,
        SnapStartNotReady => 409,
        ResourceNotReady => 502,
        InvalidZipFile => 502,
        UnsupportedMediaType => 415,
        _ => 400,
    };

    /// <summary>botocore models some errors with <c>Message</c> and others with <c>message</c>; we answer with the modelled casing.</summary>
    public static bool UsesCapitalMessage(string code) =>
        code is ResourceNotFound or Service or SnapStart or SnapStartTimeout or SnapStartNotReady or ResourceNotReady or InvalidZipFile;
}
