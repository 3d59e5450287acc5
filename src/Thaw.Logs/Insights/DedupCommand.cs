namespace Thaw.Logs.Insights;

internal sealed record DedupCommand(IReadOnlyList<Expr> Keys, int Start, int End) : Command(Start, End);
