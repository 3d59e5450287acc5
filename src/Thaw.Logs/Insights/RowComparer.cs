namespace Thaw.Logs.Insights;

/// <summary>Orders rows by sort keys (natural order, <see cref="NaturalComparer"/>); ties keep arrival order.</summary>
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

        return x!.Order.CompareTo(y!.Order);
    }
}
