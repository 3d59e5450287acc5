namespace Thaw.Host.Platform;

/// <summary>Lambda's log group and stream naming: <c>/aws/lambda/NAME</c>, <c>YYYY/MM/DD/[VERSION]ENVIRONMENTID</c>.</summary>
internal static class LogStreamNames
{
    public static string Group(string functionName) => "/aws/lambda/" + functionName;

    public static string Stream(DateTimeOffset at, string version, string environmentId) =>
        $"{at.UtcDateTime:yyyy'/'MM'/'dd}/[{version}]{environmentId}";

    public static string NewEnvironmentId() => Guid.NewGuid().ToString("N");
}
