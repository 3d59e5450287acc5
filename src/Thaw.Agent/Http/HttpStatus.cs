namespace Thaw.Agent.Http;

/// <summary>Status codes the agent sends, with Go net/http's reason phrases (RAPID is a Go server).</summary>
internal static class HttpStatus
{
    public const int Continue = 100;
    public const int Ok = 200;
    public const int Accepted = 202;
    public const int BadRequest = 400;
    public const int Forbidden = 403;
    public const int NotFound = 404;
    public const int MethodNotAllowed = 405;
    public const int RequestEntityTooLarge = 413;
    public const int ExpectationFailed = 417;
    public const int RequestHeaderFieldsTooLarge = 431;
    public const int InternalServerError = 500;
    public const int NotImplemented = 501;
    public const int HttpVersionNotSupported = 505;

    public static string ReasonPhrase(int status) => status switch
    {
        Continue => "Continue",
        Ok => "OK",
        Accepted => "Accepted",
        BadRequest => "Bad Request",
        Forbidden => "Forbidden",
        NotFound => "Not Found",
        MethodNotAllowed => "Method Not Allowed",
        RequestEntityTooLarge => "Request Entity Too Large",
        ExpectationFailed => "Expectation Failed",
        RequestHeaderFieldsTooLarge => "Request Header Fields Too Large",
        InternalServerError => "Internal Server Error",
        NotImplemented => "Not Implemented",
        HttpVersionNotSupported => "HTTP Version Not Supported",
        _ => "Unknown",
    };
}
