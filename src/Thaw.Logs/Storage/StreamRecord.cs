namespace Thaw.Logs.Storage;

internal sealed record StreamRecord(
    long Id,
    long GroupId,
    string Name,
    long CreationTime,
    long? FirstEventTimestamp,
    long? LastEventTimestamp,
    long? LastIngestionTime);
