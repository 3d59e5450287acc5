namespace Thaw.Agent.Http;

/// <summary>A parsed request line and header section. The body is read separately through the connection.</summary>
internal sealed class HttpRequest
{
    public required string Method { get; init; }

    /// <summary>The request target as sent (origin-form, or the path of an absolute-form target).</summary>
    public required string Target { get; init; }

    /// <summary>The target's path, still percent-encoded, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>1 for HTTP/1.1, 0 for HTTP/1.0.</summary>
    public required int MinorVersion { get; init; }

    public required HttpHeaderCollection Headers { get; init; }

    /// <summary>The declared Content-Length, or null (chunked or no body).</summary>
    public long? ContentLength { get; init; }

    public bool IsChunked { get; init; }

    public bool ExpectsContinue { get; init; }

    /// <summary>Whether the client allows the connection to stay open after the response.</summary>
    public bool KeepAlive { get; init; }

    public bool HasBody => IsChunked || ContentLength > 0;
}
