namespace Thaw.Logs.Insights;

internal sealed record FieldsCommand(IReadOnlyList<NamedExpr> Items, int Start, int End) : Command(Start, End);
