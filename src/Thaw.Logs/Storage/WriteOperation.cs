namespace Thaw.Logs.Storage;

/// <summary>A unit of work for the single writer; it runs inside a savepoint of the writer's current transaction.</summary>
internal sealed class WriteOperation(Func<WriterContext, object?> action, int weight)
{
    public Func<WriterContext, object?> Action { get; } = action;

    /// <summary>Roughly the number of rows it writes; the writer closes a transaction once enough weight is in it.</summary>
    public int Weight { get; } = weight;

    public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
