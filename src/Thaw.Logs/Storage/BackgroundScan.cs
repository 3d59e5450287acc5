using System.Collections.Concurrent;

namespace Thaw.Logs.Storage;

/// <summary>
/// Runs a scan on its own thread, a few batches ahead of the caller, so reading SQLite and the query's own work (parse,
/// stats) use both cores. Batches keep the producer's order. Stopping the enumeration early (a limit, an error,
/// cancellation) stops the producer and waits for it, so its connection is closed when the enumeration is disposed.
/// </summary>
internal static class BackgroundScan
{
    private const int BatchesAhead = 4;

    public static IEnumerable<EventRecord> Run(Action<Action<List<EventRecord>>, CancellationToken> produce, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var batches = new BlockingCollection<List<EventRecord>>(BatchesAhead);
        var producer = Task.Run(() =>
        {
            try
            {
                produce(batch => batches.Add(batch, stop.Token), stop.Token);
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(ct))
            {
                foreach (var e in batch)
                {
                    yield return e;
                }
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The producer's own failure has already surfaced through GetResult when the enumeration got that far.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
        }
    }
}
