namespace Thaw.Logs.Insights;

internal enum AggregateKind
{
    CountAll,
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
    Stddev,
    Percentile,
    Earliest,
    Latest,
    SortsFirst,
    SortsLast,
}
