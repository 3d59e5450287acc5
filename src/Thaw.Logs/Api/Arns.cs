namespace Thaw.Logs.Api;

internal static class Arns
{
    public static string LogGroup(LogsOptions o, string group) => $"arn:aws:logs:{o.Region}:{o.AccountId}:log-group:{group}";

    public static string LogStream(LogsOptions o, string group, string stream) => $"{LogGroup(o, group)}:log-stream:{stream}";

    /// <summary>A <c>logGroupIdentifier</c> is a name or an ARN (with or without the trailing <c>:*</c>).</summary>
    public static string GroupName(string identifier)
    {
        const string marker = ":log-group:";
        if (!identifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return identifier;
        }

        var at = identifier.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return identifier;
        }

        var name = identifier[(at + marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }
}
