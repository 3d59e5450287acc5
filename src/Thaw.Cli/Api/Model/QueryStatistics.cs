namespace Thaw.Cli.Api.Model;

/// <summary>Logs Insights query statistics.</summary>
internal sealed record QueryStatistics
{
    public double? RecordsMatched { get; init; }

    public double? RecordsScanned { get; init; }
}
