namespace Thaw.Logs.Insights;

internal sealed record RegexExpr(string Pattern, int Start, int End) : Expr(Start, End);
