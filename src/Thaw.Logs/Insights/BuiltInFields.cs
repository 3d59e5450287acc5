namespace Thaw.Logs.Insights;

/// <summary>Names of the fields every event has, and of those discovered in Lambda log groups.</summary>
internal static class BuiltInFields
{
    public const string Timestamp = "@timestamp";
    public const string Message = "@message";
    public const string LogStream = "@logStream";
    public const string Log = "@log";
    public const string IngestionTime = "@ingestionTime";
    public const string Ptr = "@ptr";
    public const string Type = "@type";
    public const string RequestId = "@requestId";
    public const string Duration = "@duration";
    public const string BilledDuration = "@billedDuration";
    public const string MemorySize = "@memorySize";
    public const string MaxMemoryUsed = "@maxMemoryUsed";
    public const string InitDuration = "@initDuration";

    /// <summary>Thaw extension: on AWS users <c>parse</c> it out of the REPORT line.</summary>
    public const string RestoreDuration = "@restoreDuration";
}
