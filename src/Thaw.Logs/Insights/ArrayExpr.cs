namespace Thaw.Logs.Insights;

internal sealed record ArrayExpr(IReadOnlyList<Expr> Items, int Start, int End) : Expr(Start, End);
