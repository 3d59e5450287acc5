namespace Thaw.Logs.Insights;

/// <summary>One aggregation of a stats command, compiled against the scope of its input rows.</summary>
internal sealed record AggregateSpec(AggregateKind Kind, Func<Row, Value>? Argument, double Percentile, Func<Row, long> TimestampOf);
