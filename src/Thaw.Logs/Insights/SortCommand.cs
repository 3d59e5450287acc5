namespace Thaw.Logs.Insights;

internal sealed record SortCommand(IReadOnlyList<SortKey> Keys, int Start, int End) : Command(Start, End);
