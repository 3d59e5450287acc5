namespace Thaw.Logs.Insights;

internal sealed record FilterCommand(Expr Condition, int Start, int End) : Command(Start, End);
