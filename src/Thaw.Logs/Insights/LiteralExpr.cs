namespace Thaw.Logs.Insights;

internal sealed record LiteralExpr(Value Value, int Start, int End) : Expr(Start, End);
