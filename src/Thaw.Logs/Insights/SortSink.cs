namespace Thaw.Logs.Insights;

/// <summary>
/// Sorts everything it receives, then passes it on. With a capacity (the rows that can reach the result) it keeps only
/// the best <c>capacity</c> rows, trimming whenever twice that many are buffered, so memory stays bounded.
/// With dedup keys (a <c>dedup</c> right after this sort) it keeps only the best row of each key, plus the best
/// <c>capacity</c> rows with a missing key.
/// </summary>
internal sealed class SortSink(RowComparer comparer, int? capacity, Func<Row, Value>[]? dedupKeys, RowSink next) : RowSink
{
    private readonly List<Row> _rows = [];
    private readonly Dictionary<Value[], Row> _best = new(ValueArrayComparer.Instance);

    public override bool Push(Row row)
    {
        if (dedupKeys is not null)
        {
            var key = new Value[dedupKeys.Length];
            var hasNull = false;
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = dedupKeys[i](row);
                hasNull |= key[i].IsNull;
            }

            if (!hasNull)
            {
                if (!_best.TryGetValue(key, out var current) || comparer.Compare(row, current) < 0)
                {
                    _best[key] = row;
                }

                return true;
            }
        }

        _rows.Add(row);
        if (capacity is { } c && _rows.Count >= Math.Max(2 * c, 1024))
        {
            _rows.Sort(comparer);
            _rows.RemoveRange(c, _rows.Count - c);
        }

        return true;
    }

    public override void Complete()
    {
        _rows.AddRange(_best.Values);
        _rows.Sort(comparer);
        foreach (var row in _rows)
        {
            if (!next.Push(row))
            {
                break;
            }
        }

        next.Complete();
    }
}
