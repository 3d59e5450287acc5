using Thaw.Logs.Lambda;

namespace Thaw.Logs.Storage;

/// <summary>One event read by a scan. Only the columns the scan asked for are filled.</summary>
internal sealed class EventRecord
{
    public long GroupId { get; init; }

    public long Sequence { get; init; }

    public long Timestamp { get; init; }

    public long StreamId { get; init; }

    public long IngestionTime { get; init; }

    public int Size { get; init; }

    public string? Message { get; init; }

    public LambdaFields Lambda { get; init; }
}
