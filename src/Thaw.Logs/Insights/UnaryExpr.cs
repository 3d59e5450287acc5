namespace Thaw.Logs.Insights;

internal sealed record UnaryExpr(UnaryOp Op, Expr Operand, int Start, int End) : Expr(Start, End);
