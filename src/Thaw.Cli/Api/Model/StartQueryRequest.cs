namespace Thaw.Cli.Api.Model;

/// <summary>Logs StartQuery request (awsJson1.1, camelCase members; times in epoch seconds, inclusive).</summary>
internal sealed record StartQueryRequest
{
    public required string LogGroupName { get; init; }

    public required long StartTime { get; init; }

    public required long EndTime { get; init; }

    public required string QueryString { get; init; }

    public int? Limit { get; init; }
}
