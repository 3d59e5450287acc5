namespace Thaw.Logs.Insights;

/// <summary>The <c>*</c> of <c>count(*)</c>.</summary>
internal sealed record StarExpr(int Start, int End) : Expr(Start, End);
