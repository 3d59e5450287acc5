namespace Thaw.Logs.Insights;

internal sealed record StatsCommand(IReadOnlyList<NamedExpr> Aggregations, IReadOnlyList<NamedExpr> GroupBy, int Start, int End) : Command(Start, End);
