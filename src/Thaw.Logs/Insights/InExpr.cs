namespace Thaw.Logs.Insights;

internal sealed record InExpr(Expr Subject, IReadOnlyList<Expr> Items, bool Negated, int Start, int End) : Expr(Start, End);
