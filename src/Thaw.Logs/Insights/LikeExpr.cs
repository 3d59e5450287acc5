namespace Thaw.Logs.Insights;

/// <summary><c>like "s"</c> (case-sensitive substring), <c>like /re/</c> and <c>=~ /re/</c> (unanchored regex search).</summary>
internal sealed record LikeExpr(Expr Subject, Expr Pattern, bool Negated, int Start, int End) : Expr(Start, End);
