namespace Thaw.Logs.Insights;

/// <summary>A pipeline stage. <see cref="Push"/> returns false when the stage wants no more rows (a limit was reached).</summary>
internal abstract class RowSink
{
    public abstract bool Push(Row row);

    public abstract void Complete();
}
