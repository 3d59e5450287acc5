namespace Thaw.Logs.Insights;

internal sealed record CallExpr(string Name, IReadOnlyList<Expr> Arguments, int Start, int End) : Expr(Start, End);
