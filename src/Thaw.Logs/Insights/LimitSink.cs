namespace Thaw.Logs.Insights;

internal sealed class LimitSink(int limit, RowSink next) : RowSink
{
    private int _count;

    public override bool Push(Row row)
    {
        if (_count >= limit)
        {
            return false;
        }

        _count++;
        return next.Push(row) && _count < limit;
    }

    public override void Complete() => next.Complete();
}
