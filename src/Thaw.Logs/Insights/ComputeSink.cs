namespace Thaw.Logs.Insights;

/// <summary>Sets fields on each row (<c>fields</c>, <c>parse</c>) and passes it on.</summary>
internal sealed class ComputeSink(Action<Row> compute, RowSink next) : RowSink
{
    public override bool Push(Row row)
    {
        compute(row);
        return next.Push(row);
    }

    public override void Complete() => next.Complete();
}
