namespace Thaw.Logs.Insights;

/// <summary>An expression node; <see cref="Start"/>/<see cref="End"/> locate it in the query text (for names and errors).</summary>
internal abstract record Expr(int Start, int End);
