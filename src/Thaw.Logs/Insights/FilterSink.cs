namespace Thaw.Logs.Insights;

internal sealed class FilterSink(Func<Row, Value> condition, RowSink next) : RowSink
{
    public override bool Push(Row row) => !condition(row).IsTrue || next.Push(row);

    public override void Complete() => next.Complete();
}
