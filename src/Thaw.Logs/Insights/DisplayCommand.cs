namespace Thaw.Logs.Insights;

internal sealed record DisplayCommand(IReadOnlyList<NamedExpr> Items, int Start, int End) : Command(Start, End);
