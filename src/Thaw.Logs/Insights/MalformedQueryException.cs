namespace Thaw.Logs.Insights;

/// <summary>A query that does not compile; the offsets are character positions in the query string (end exclusive).</summary>
internal sealed class MalformedQueryException(string message, int startCharOffset, int endCharOffset) : Exception(message)
{
    public int StartCharOffset { get; } = startCharOffset;

    public int EndCharOffset { get; } = endCharOffset;
}
