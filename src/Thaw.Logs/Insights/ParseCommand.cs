namespace Thaw.Logs.Insights;

/// <summary><c>parse [field] "glob*" as a, b</c> or <c>parse [field] /(?&lt;a&gt;re)/</c>; <see cref="Source"/> null means <c>@message</c>.</summary>
internal sealed record ParseCommand(Expr? Source, string? Glob, string? Regex, IReadOnlyList<string> Aliases, int Start, int End) : Command(Start, End);
