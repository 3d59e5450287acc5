using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>Runs StartQuery queries in the background and keeps their results for GetQueryResults.</summary>
internal sealed class QueryManager(LogStore store, LogsOptions options, ILogger<QueryManager>? logger = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, QueryExecution> _queries = new(StringComparer.Ordinal);
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public QueryExecution Start(ParsedQuery query, IReadOnlyList<GroupRecord> groups, long startMs, long endMs, int? limit)
    {
        Prune();
        if (_queries.Values.Count(q => !QueryStatus.IsTerminal(q.Status)) >= options.MaxConcurrentQueries)
        {
            throw new LogsServiceException(LogsErrorTypes.LimitExceeded, $"Only {options.MaxConcurrentQueries} queries can run at the same time");
        }

        var now = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var execution = new QueryExecution(Guid.NewGuid().ToString(), query.Text, [.. groups.Select(g => g.Name)], now);
        _queries[execution.Id] = execution;
        var request = new QueryRequest(query, groups, startMs, endMs, limit, options.AccountId, now);
        execution.Cancellation.CancelAfter(options.QueryTimeout);
        var token = execution.Cancellation.Token;
        execution.Completion = Task.Run(() => Run(execution, request, token), CancellationToken.None);
        return execution;
    }

    public QueryExecution? Get(string id) => _queries.GetValueOrDefault(id);

    public IEnumerable<QueryExecution> List() => _queries.Values.OrderByDescending(q => q.CreateTimeMs);

    /// <summary>Cancels a query that has not finished; false when it already has.</summary>
    public static bool Stop(QueryExecution execution)
    {
        if (QueryStatus.IsTerminal(execution.Status))
        {
            return false;
        }

        execution.StopRequested = true;
        execution.Cancellation.Cancel();
        return true;
    }

    public void Dispose()
    {
        foreach (var query in _queries.Values)
        {
            query.Cancellation.Cancel();
        }

        foreach (var query in _queries.Values)
        {
            query.Completion.Wait(TimeSpan.FromSeconds(5));
            query.Dispose();
        }
    }

    private void Run(QueryExecution execution, QueryRequest request, CancellationToken token)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            token.ThrowIfCancellationRequested();
            execution.Status = QueryStatus.Running;
            execution.Results = QueryEngine.Run(store, request, execution.Progress, token);
            execution.Status = QueryStatus.Complete;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            execution.Status = execution.StopRequested ? QueryStatus.Cancelled : QueryStatus.Timeout;
        }
#pragma warning disable CA1031 // A failing query must end as Failed, never take the host down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogMessages.QueryFailed(_logger, execution.Id, ex);
            execution.Status = QueryStatus.Failed;
        }
        finally
        {
            execution.EndTimeMs = store.Time.GetUtcNow().ToUnixTimeMilliseconds();
        }

        LogMessages.QueryFinished(_logger, execution.Id, execution.Status, watch.ElapsedMilliseconds, execution.Results?.Count ?? 0, execution.Progress.RecordsScanned);
    }

    private void Prune()
    {
        var cutoff = store.Time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.QueryRetention.TotalMilliseconds;
        foreach (var query in _queries.Values)
        {
            if (QueryStatus.IsTerminal(query.Status) && query.EndTimeMs < cutoff && _queries.TryRemove(query.Id, out var removed))
            {
                removed.Dispose();
            }
        }
    }
}
