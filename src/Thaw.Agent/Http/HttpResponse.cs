namespace Thaw.Agent.Http;

/// <summary>A complete response: status, header fields (besides Date, Content-Length, Connection) and body.</summary>
internal sealed class HttpResponse
{
    public HttpResponse(int status, ReadOnlyMemory<byte> body = default, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        Status = status;
        Body = body;
        Headers = headers ?? [];
    }

    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Close the connection after this response (the request's body could not be consumed).</summary>
    public bool CloseConnection { get; init; }

    /// <summary>The same response, closing the connection afterwards.</summary>
    public HttpResponse WithCloseConnection() => new(Status, Body, Headers) { CloseConnection = true };
}
