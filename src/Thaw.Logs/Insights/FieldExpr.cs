namespace Thaw.Logs.Insights;

internal sealed record FieldExpr(string Name, int Start, int End) : Expr(Start, End);
