namespace Thaw.Logs.Insights;

/// <summary>Counts the rows that passed the event-level stages (the <c>recordsMatched</c> statistic).</summary>
internal sealed class CountSink(QueryProgress progress, RowSink next) : RowSink
{
    public override bool Push(Row row)
    {
        progress.AddMatched();
        return next.Push(row);
    }

    public override void Complete() => next.Complete();
}
