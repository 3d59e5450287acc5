namespace Thaw.Logs.Storage;

internal sealed record GroupRecord(long Id, string Name, long CreationTime, int? RetentionInDays, string LogGroupClass);
