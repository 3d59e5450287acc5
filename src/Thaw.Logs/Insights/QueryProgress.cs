namespace Thaw.Logs.Insights;

/// <summary>Live statistics of a running query (read by GetQueryResults while it runs).</summary>
internal sealed class QueryProgress
{
    private long _matched;
    private long _scanned;
    private long _bytes;

    public long RecordsMatched => Interlocked.Read(ref _matched);

    public long RecordsScanned => Interlocked.Read(ref _scanned);

    public long BytesScanned => Interlocked.Read(ref _bytes);

    public void AddMatched() => Interlocked.Increment(ref _matched);

    public void AddMatched(long count) => Interlocked.Add(ref _matched, count);

    public void SetScanned(long records, long bytes)
    {
        Interlocked.Exchange(ref _scanned, records);
        Interlocked.Exchange(ref _bytes, bytes);
    }
}
