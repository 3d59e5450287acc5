namespace Thaw.Logs.Insights;

/// <summary>
/// Groups rows by the <c>by</c> values and feeds each group's aggregators; on completion emits one row per group
/// (group keys, then outputs), in ascending order of the group keys.
/// </summary>
internal sealed class StatsSink(StatsPlan plan, RowSink next) : RowSink
{
    private readonly Dictionary<Value[], Aggregator[]> _groups = new(ValueArrayComparer.Instance);
    private readonly Value[] _scratch = new Value[plan.GroupBy.Length];

    /// <summary>Creates groups before any row arrives (keys found by SQL when rows without the aggregated fields are skipped).</summary>
    public void Seed(IEnumerable<Value[]> keys)
    {
        foreach (var key in keys)
        {
            if (!_groups.ContainsKey(key))
            {
                _groups[key] = [.. plan.Aggregates.Select(a => new Aggregator(a))];
            }
        }
    }

    public override bool Push(Row row)
    {
        // The lookup key is a scratch array; only a new group gets its own copy (most rows join an existing group).
        var key = _scratch;
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = plan.GroupBy[i](row);
        }

        if (!_groups.TryGetValue(key, out var aggregators))
        {
            aggregators = [.. plan.Aggregates.Select(a => new Aggregator(a))];
            _groups[[.. key]] = aggregators;
        }

        foreach (var aggregator in aggregators)
        {
            aggregator.Add(row);
        }

        return true;
    }

    public override void Complete()
    {
        var keys = _groups.Keys.ToList();
        keys.Sort((a, b) =>
        {
            for (var i = 0; i < a.Length; i++)
            {
                var c = NaturalComparer.Instance.Compare(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        });

        var order = 0L;
        foreach (var key in keys)
        {
            var aggregators = _groups[key];
            var row = new Row(null, plan.OutputScope.Count, order++);
            for (var i = 0; i < key.Length; i++)
            {
                row.Slots[plan.GroupBySlots[i]] = key[i];
            }

            for (var i = 0; i < aggregators.Length; i++)
            {
                row.Slots[plan.AggregateSlots[i]] = aggregators[i].Result();
            }

            for (var i = 0; i < plan.Outputs.Length; i++)
            {
                row.Slots[plan.OutputSlots[i]] = plan.Outputs[i](row);
            }

            if (!next.Push(row))
            {
                break;
            }
        }

        next.Complete();
    }
}
