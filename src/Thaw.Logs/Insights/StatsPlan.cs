namespace Thaw.Logs.Insights;

/// <summary>A compiled stats command: group-by expressions and aggregations over the input scope, outputs over <see cref="OutputScope"/>.</summary>
internal sealed record StatsPlan(
    Func<Row, Value>[] GroupBy,
    int[] GroupBySlots,
    AggregateSpec[] Aggregates,
    int[] AggregateSlots,
    Func<Row, Value>[] Outputs,
    int[] OutputSlots,
    Scope OutputScope);
