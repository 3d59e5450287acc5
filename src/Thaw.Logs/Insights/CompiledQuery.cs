using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

internal sealed record CompiledQuery(
    RowSink Head,
    CollectSink Collect,
    Scope RootScope,
    ScanColumns Columns,
    string? Predicate,
    IReadOnlyList<object> PredicateParameters,
    IReadOnlyList<(string Name, Func<Row, Value> Getter)> Output,
    bool IncludePtr,
    GroupSeed? Seed,
    BlockPlan? Blocks = null);
