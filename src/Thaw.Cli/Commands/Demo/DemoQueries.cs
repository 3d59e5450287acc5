namespace Thaw.Cli.Commands.Demo;

/// <summary>The seed's two Logs Insights queries, verbatim, and the one that lists the publish's Inits.</summary>
internal static class DemoQueries
{
    public const string RestoreCount = "filter @message like /RESTORE_REPORT/ | stats count(*)";

    public const string MacsByInterface =
        "filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr";

    /// <summary>One REPORT line ends every invocation; counting them tells when the requests' logs are all stored.</summary>
    public const string Reports = "filter @message like /REPORT RequestId/ | stats count(*)";

    public const string InitStarts = "fields @timestamp, @logStream, @message | filter @message like /INIT_START/ | sort @timestamp asc | limit 1000";

    public static string LogGroup(string functionName) => $"/aws/lambda/{functionName}";
}
