using Thaw.Logs.Insights;

namespace Thaw.Logs.Tests.Support;

/// <summary>A log store in a fresh temporary directory, removed on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, LogStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "logs.db");

    public LogStore Store { get; private set; }

    public static async Task<TempStore> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "thaw-logs-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var store = await LogStore.OpenAsync(Path.Combine(directory, "logs.db"), TimeProvider.System, TestContext.Current.CancellationToken);
        return new TempStore(directory, store);
    }

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await LogStore.OpenAsync(DatabasePath, TimeProvider.System, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs a query over the given groups (all time) straight through the engine; rows as field → value maps.</summary>
    public List<Dictionary<string, string>> Query(string query, params string[] groups) => QueryWithProgress(query, null, groups).Rows;

    public (List<Dictionary<string, string>> Rows, QueryProgress Progress) QueryWithProgress(string query, int? limit, params string[] groups)
    {
        var records = groups.Select(g => Store.GetGroup(g) ?? throw new InvalidOperationException($"no group {g}")).ToList();
        var progress = new QueryProgress();
        var request = new QueryRequest(Parser.Parse(query), records, 0, long.MaxValue / 2, limit, "000000000000", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var rows = QueryEngine.Run(Store, request, progress, TestContext.Current.CancellationToken);
        return (rows.Select(r => r.ToDictionary(f => f.Field, f => f.Value)).ToList(), progress);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
