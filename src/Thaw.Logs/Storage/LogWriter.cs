using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Thaw.Logs.Storage;

/// <summary>
/// The only writer of the database. Operations queue up; the writer takes everything queued (up to a weight),
/// runs each in a savepoint of one transaction and completes the callers after the commit, so many small
/// appends from many environments cost one fsync between them.
/// </summary>
internal sealed class LogWriter : IAsyncDisposable
{
    private const int MaxTransactionWeight = 50_000;
    private const int MaxOperationsPerTransaction = 4_096;

    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly WriterContext _context;
    private readonly Task _loop;

    public LogWriter(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _context = new WriterContext(connection, time);
        _loop = Task.Run(RunAsync);
    }

    public ChangeSignal Changes { get; } = new();

    public async Task<T> RunAsync<T>(Func<WriterContext, T> action, int weight, CancellationToken cancellationToken)
    {
        var operation = new WriteOperation(ctx => action(ctx), Math.Max(1, weight));
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(LogStore), "The log store is closed.");
        }

        // Once queued the write happens whatever the caller does; cancellation only stops the waiting.
        return (T)(await operation.Completion.Task.WaitAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _context.Dispose();
        LogDatabase.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        await _connection.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var weight = 0;
            while (weight < MaxTransactionWeight && batch.Count < MaxOperationsPerTransaction && reader.TryRead(out var operation))
            {
                batch.Add(operation);
                weight += operation.Weight;
            }

            Commit(batch);
        }
    }

    private void Commit(List<WriteOperation> batch)
    {
        var results = new object?[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            using var transaction = _connection.BeginTransaction();
            _context.Begin(transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                _context.Execute("SAVEPOINT op");
                try
                {
                    results[i] = batch[i].Action(_context);
                    _context.Execute("RELEASE op");
                }
#pragma warning disable CA1031 // One caller's bad operation must not fail the others in the transaction.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _context.Execute("ROLLBACK TO op");
                    _context.Execute("RELEASE op");
                    errors[i] = ex;
                    _context.ForgetCaches();
                }
            }

            _context.SealBlocks();
            _context.SaveSequence();
            transaction.Commit();
        }
#pragma warning disable CA1031 // The writer must survive a failed commit (disk full, I/O error) and report it to every caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _context.Reset();
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }

        Changes.Notify();
    }
}
