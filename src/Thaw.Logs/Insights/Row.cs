using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>A row flowing through the pipeline: an event (before the first stats) plus the fields the query defined.</summary>
internal sealed class Row(EventRecord? source, int slots, long order)
{
    private Dictionary<string, Value>? _json;

    public EventRecord? Event { get; } = source;

    public Value[] Slots { get; } = slots == 0 ? [] : new Value[slots];

    /// <summary>Arrival position; ties in a sort keep it.</summary>
    public long Order { get; } = order;

    /// <summary>Fields discovered in the event's first JSON fragment, flattened with dots; parsed once, on first use.</summary>
    public Dictionary<string, Value> Json => _json ??= JsonFields.Discover(Event?.Message);
}
