namespace Thaw.Logs.Insights;

/// <summary>
/// When a stats is fed straight from the scan and every aggregation ignores rows where its Lambda number field is
/// missing, the scan reads only rows having one of those fields; the groups (and the matched count) still come from
/// all rows, through <see cref="KeySql"/> computed inside SQLite.
/// </summary>
internal sealed record GroupSeed(string KeySql, bool Timestamp, Func<StatsSink?> Sink, string? Predicate, IReadOnlyList<object> Parameters)
{
    /// <summary>For <c>bin()</c> groups: the period and its alignment, so keys can be found by seeking.</summary>
    public (long PeriodMs, long OffsetMs)? Bin { get; init; }

    /// <summary>The metric columns the aggregations read: the only ones the scan needs.</summary>
    public IReadOnlyCollection<string> MetricColumns { get; init; } = [];
}
