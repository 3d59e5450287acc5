namespace Thaw.Logs.Insights;

/// <summary>One StartQuery: its state moves Scheduled → Running → Complete | Failed | Cancelled | Timeout.</summary>
internal sealed class QueryExecution(string id, string queryString, IReadOnlyList<string> logGroupNames, long createTimeMs) : IDisposable
{
    private volatile string _status = QueryStatus.Scheduled;

    public string Id { get; } = id;

    public string QueryString { get; } = queryString;

    public IReadOnlyList<string> LogGroupNames { get; } = logGroupNames;

    public long CreateTimeMs { get; } = createTimeMs;

    public long? EndTimeMs { get; set; }

    public string Status
    {
        get => _status;
        set => _status = value;
    }

    public QueryProgress Progress { get; } = new();

    public List<List<ResultField>>? Results { get; set; }

    public CancellationTokenSource Cancellation { get; } = new();

    public bool StopRequested { get; set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Dispose() => Cancellation.Dispose();
}
