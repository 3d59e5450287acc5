namespace Thaw.Logs.Insights;

internal sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, int Start, int End) : Expr(Start, End);
