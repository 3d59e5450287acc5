namespace Thaw.Logs.Insights;

/// <summary>Thaw masks nothing, so <c>unmask</c> changes nothing; it is accepted so queries written for AWS run unchanged.</summary>
internal sealed record UnmaskCommand(int Start, int End) : Command(Start, End);
