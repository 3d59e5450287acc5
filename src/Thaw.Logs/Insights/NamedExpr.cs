namespace Thaw.Logs.Insights;

/// <summary>An expression with its column name: the alias, else its source text with whitespace collapsed.</summary>
internal sealed record NamedExpr(Expr Expr, string Name, bool Aliased);
