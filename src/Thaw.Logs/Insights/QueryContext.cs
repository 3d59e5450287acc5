namespace Thaw.Logs.Insights;

/// <summary>What compiled expressions read at run time besides the row: names and the query's own times.</summary>
internal sealed class QueryContext
{
    public required string AccountId { get; init; }

    public required IReadOnlyDictionary<long, string> GroupNames { get; init; }

    public IReadOnlyDictionary<long, string> StreamNames { get; set; } = new Dictionary<long, string>();

    public required long StartMs { get; init; }

    public required long EndMs { get; init; }

    public required long NowMs { get; init; }
}
