namespace Thaw.Logs.Storage;

/// <summary>One event as an <see cref="EventBlock"/> stores it (the message as UTF-8).</summary>
internal readonly record struct BlockEvent(long Timestamp, long Sequence, long StreamId, long Ingestion, ReadOnlyMemory<byte> Message);
