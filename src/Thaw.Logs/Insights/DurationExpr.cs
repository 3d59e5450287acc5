namespace Thaw.Logs.Insights;

/// <summary>A period such as <c>5m</c>; valid only as the period argument of <c>bin</c>, <c>datefloor</c>, <c>dateceil</c>.</summary>
internal sealed record DurationExpr(double Amount, string Unit, int Start, int End) : Expr(Start, End);
