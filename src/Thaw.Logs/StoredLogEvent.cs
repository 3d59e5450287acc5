namespace Thaw.Logs;

/// <summary>An event as stored. <paramref name="Sequence"/> is the store-wide append order (unique, increasing).</summary>
public sealed record StoredLogEvent(
    long Sequence,
    string LogGroup,
    string LogStream,
    long TimestampMs,
    long IngestionTimeMs,
    string Message);
