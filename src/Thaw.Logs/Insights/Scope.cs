using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>
/// Compile-time names of the fields a query defines (parse, fields, stats), each a slot in <see cref="Row.Slots"/>.
/// After a stats the scope is <see cref="Aggregated"/>: events are gone and only its columns exist.
/// </summary>
internal sealed class Scope(bool aggregated)
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    public bool Aggregated { get; } = aggregated;

    public int Count => _slots.Count;

    public ScanColumns Columns { get; set; }

    public int Define(string name)
    {
        if (!_slots.TryGetValue(name, out var slot))
        {
            slot = _slots.Count;
            _slots[name] = slot;
        }

        return slot;
    }

    public bool TryGet(string name, out int slot) => _slots.TryGetValue(name, out slot);
}
