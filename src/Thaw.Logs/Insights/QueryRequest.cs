using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>What to run a parsed query over: resolved groups, an inclusive time range in milliseconds, the row cap.</summary>
internal sealed record QueryRequest(
    ParsedQuery Query,
    IReadOnlyList<GroupRecord> Groups,
    long StartMs,
    long EndMs,
    int? Limit,
    string AccountId,
    long NowMs);
