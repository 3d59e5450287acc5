namespace Thaw.Logs.Insights;

internal sealed record ParsedQuery(string Text, IReadOnlyList<Command> Commands, SourceCommand? Source);
