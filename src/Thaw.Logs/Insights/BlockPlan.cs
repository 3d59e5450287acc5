namespace Thaw.Logs.Insights;

/// <summary>
/// A query that may read the event blocks instead of the ordered scan: its answer does not depend on the order of
/// events, it needs no discovered Lambda field, and its only pre-filter is "the message contains one of
/// <see cref="Literals"/>" (none when null).
/// </summary>
internal sealed record BlockPlan(IReadOnlyList<string>? Literals);
