namespace Thaw.Logs.Insights;

/// <summary>Stands for the result of the n-th aggregation of a <c>stats</c> once the groups are complete.</summary>
internal sealed record AggregateRefExpr(int Index, int Start, int End) : Expr(Start, End);
