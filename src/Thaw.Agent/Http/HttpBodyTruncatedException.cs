namespace Thaw.Agent.Http;

/// <summary>The client closed the connection before the end of the body it announced.</summary>
internal sealed class HttpBodyTruncatedException : Exception
{
    public HttpBodyTruncatedException()
        : base("The connection ended inside the request body.")
    {
    }

    public HttpBodyTruncatedException(string message)
        : base(message)
    {
    }

    public HttpBodyTruncatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
