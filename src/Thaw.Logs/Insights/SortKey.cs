namespace Thaw.Logs.Insights;

internal sealed record SortKey(Expr Expr, bool Descending);
