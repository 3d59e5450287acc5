namespace Thaw.Logs.Insights;

/// <summary>
/// Orders rows by sort keys (natural order, <see cref="NaturalComparer"/>). Events that tie are ordered as they were
/// written (their sequence), oldest first under an ascending first key and newest first under a descending one, so
/// lines of the same millisecond keep their order and the result does not depend on how the scan read them. Other
/// rows (after stats) keep arrival order.
/// </summary>
internal sealed class RowComparer(Func<Row, Value>[] keys, bool[] descending) : IComparer<Row>
{
    public int Compare(Row? x, Row? y)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var c = NaturalComparer.Instance.Compare(keys[i](x!), keys[i](y!));
            if (c != 0)
            {
                return descending[i] ? -c : c;
            }
        }

        if (x!.Event is { } a && y!.Event is { } b)
        {
            var c = a.Sequence.CompareTo(b.Sequence);
            return descending.Length > 0 && descending[0] ? -c : c;
        }

        return x.Order.CompareTo(y!.Order);
    }
}
