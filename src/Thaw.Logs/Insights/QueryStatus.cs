namespace Thaw.Logs.Insights;

/// <summary>QueryStatus enum values of the service model.</summary>
internal static class QueryStatus
{
    public const string Scheduled = "Scheduled";
    public const string Running = "Running";
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string Timeout = "Timeout";

    public static bool IsTerminal(string status) => status is Complete or Failed or Cancelled or Timeout;
}
