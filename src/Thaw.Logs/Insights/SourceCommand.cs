namespace Thaw.Logs.Insights;

/// <summary><c>SOURCE logGroups(namePrefix: [...], class: [...])</c>; no prefixes means every group.</summary>
internal sealed record SourceCommand(IReadOnlyList<string> NamePrefixes, IReadOnlyList<string> Classes, int Start, int End) : Command(Start, End);
