namespace Thaw.Logs.Storage;

/// <summary>
/// A scan of one or more groups over an inclusive time range, newest first.
/// <see cref="Predicate"/> is a SQL pre-filter that must be a necessary condition of the query's own filter
/// (the engine still evaluates the real filter on every row it gets back). <see cref="Index"/> names an index to read
/// through (<c>events_reports</c>, covering the REPORT metrics). <see cref="Metrics"/>, when set, names the only metric
/// columns (of <see cref="ScanColumns.Lambda"/>) the query reads; the others come back null.
/// </summary>
internal sealed record ScanRequest(
    IReadOnlyList<long> GroupIds,
    long StartMs,
    long EndMs,
    ScanColumns Columns,
    string? Predicate,
    IReadOnlyList<object> PredicateParameters,
    string? Index = null,
    IReadOnlyCollection<string>? Metrics = null);
