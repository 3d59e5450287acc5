namespace Thaw.Logs.Lambda;

/// <summary>
/// The fields Logs Insights discovers in a Lambda log group, taken from one event.
/// Memory sizes are in bytes as MB × 1,000,000, the way AWS's own sample queries divide them back.
/// </summary>
internal readonly record struct LambdaFields(
    PlatformLineType Type,
    string? RequestId,
    double? Duration,
    double? BilledDuration,
    double? MemorySize,
    double? MaxMemoryUsed,
    double? InitDuration,
    double? RestoreDuration)
{
    public static LambdaFields None => default;
}
