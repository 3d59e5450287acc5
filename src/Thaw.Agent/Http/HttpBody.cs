namespace Thaw.Agent.Http;

/// <summary>
/// A request body: the first bytes up to the caller's storage limit, the full length that arrived,
/// and the trailer fields of a chunked body.
/// </summary>
internal sealed record HttpBody(ReadOnlyMemory<byte> Content, long Length, HttpHeaderCollection Trailers)
{
    public bool IsComplete => Content.Length == Length;
}
