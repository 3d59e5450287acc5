namespace Thaw.Logs.Insights;

/// <summary>The end of the pipeline: keeps up to the result cap.</summary>
internal sealed class CollectSink(int capacity) : RowSink
{
    public List<Row> Rows { get; } = [];

    public override bool Push(Row row)
    {
        if (Rows.Count < capacity)
        {
            Rows.Add(row);
        }

        return Rows.Count < capacity;
    }

    public override void Complete()
    {
    }
}
