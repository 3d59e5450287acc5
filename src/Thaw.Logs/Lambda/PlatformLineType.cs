namespace Thaw.Logs.Lambda;

/// <summary>The kind of a Lambda platform line; stored as a small integer so <c>filter @type = "REPORT"</c> runs in SQL.</summary>
internal enum PlatformLineType : byte
{
    None = 0,
    Start = 1,
    End = 2,
    Report = 3,
    InitStart = 4,
    InitReport = 5,
    RestoreStart = 6,
    RestoreReport = 7,
}
