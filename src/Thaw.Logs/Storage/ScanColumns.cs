namespace Thaw.Logs.Storage;

/// <summary>Which columns a scan reads. A query that never touches <c>@message</c> does not pay for reading it.</summary>
[Flags]
internal enum ScanColumns
{
    None = 0,
    Message = 1,
    Stream = 2,
    Ingestion = 4,
    Lambda = 8,
    RequestId = 16,
    All = Message | Stream | Ingestion | Lambda | RequestId,
}
