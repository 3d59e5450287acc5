namespace Thaw.Logs.Insights;

/// <summary>Keeps the first row of each combination of key values in arrival order; a row with a missing key is always kept.</summary>
internal sealed class DedupSink(Func<Row, Value>[] keys, RowSink next) : RowSink
{
    private readonly HashSet<Value[]> _seen = new(ValueArrayComparer.Instance);

    public override bool Push(Row row)
    {
        var key = new Value[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            key[i] = keys[i](row);
            if (key[i].IsNull)
            {
                return next.Push(row);
            }
        }

        return !_seen.Add(key) || next.Push(row);
    }

    public override void Complete() => next.Complete();
}
