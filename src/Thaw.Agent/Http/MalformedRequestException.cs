namespace Thaw.Agent.Http;

/// <summary>The request cannot be parsed; the connection answers with <see cref="StatusCode"/> and closes.</summary>
internal sealed class MalformedRequestException : Exception
{
    public MalformedRequestException()
        : this(HttpStatus.BadRequest, "Bad Request")
    {
    }

    public MalformedRequestException(string message)
        : this(HttpStatus.BadRequest, message)
    {
    }

    public MalformedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatus.BadRequest;
    }

    public MalformedRequestException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
