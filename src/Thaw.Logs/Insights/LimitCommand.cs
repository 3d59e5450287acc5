namespace Thaw.Logs.Insights;

internal sealed record LimitCommand(int Count, int Start, int End) : Command(Start, End);
