namespace Thaw.Logs.Storage;

/// <summary>What a scan looked at: the events in its time range and their bytes (the query statistics).</summary>
internal sealed class ScanTally
{
    public long Records { get; set; }

    public long Bytes { get; set; }
}
