namespace Thaw.Logs.Insights;

internal enum ValueKind : byte
{
    Null,
    String,
    Number,
    Timestamp,
    Bool,
}
