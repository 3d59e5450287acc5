using System.Globalization;
using Microsoft.Data.Sqlite;
using Thaw.Logs.Insights;
using Thaw.Logs.Storage;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Storage;

/// <summary>
/// Queries answered from the event blocks must equal the answers computed here from the events written, through
/// sealing, partial time ranges, the unsealed tail, stream deletion, retention and a reopen.
/// </summary>
public sealed class BlockScanTests : IAsyncLifetime
{
    private const string G = "/aws/lambda/blocks";
    private static readonly string[] Nics = ["vinternal_1", "telemetry1_sb", "eth0"];
    private readonly List<(string Stream, long Ts, string Message)> _written = [];
    private TempStore _temp = null!;

    public async ValueTask InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        await WriteAsync(count: 3 * EventBlocks.SealThreshold + 123, seed: 7, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000);
    }

    public async ValueTask DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public void Sealed_blocks_and_the_tail_together_give_the_exact_answer()
    {
        Assert.True(BlockCount() >= 2, "the writes should have sealed blocks");
        var query = "filter @message like /vinternal_1/ or @message like \"telemetry1_sb\" | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac";
        Assert.NotNull(Plan(query).Blocks);
        Assert.Equal(Expected(_written), Counts(_temp.Query(query, G)));
    }

    [Fact]
    public void A_time_range_inside_blocks_counts_only_its_events_and_reports_what_it_scanned()
    {
        var sorted = _written.Select(w => w.Ts).Order().ToList();
        var (from, to) = (sorted[sorted.Count / 5], sorted[sorted.Count * 3 / 5]);
        var query = "filter @message like /vinternal_1/ | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac";
        var progress = new QueryProgress();
        var group = _temp.Store.GetGroup(G)!;
        var rows = QueryEngine.Run(_temp.Store, new QueryRequest(Parser.Parse(query), [group], from, to, null, "000000000000", 0), progress, TestContext.Current.CancellationToken)
            .Select(r => r.ToDictionary(f => f.Field, f => f.Value)).ToList();

        var inRange = _written.Where(w => w.Ts >= from && w.Ts <= to).ToList();
        Assert.Equal(Expected(inRange.Where(w => w.Message.StartsWith("vinternal_1", StringComparison.Ordinal))), Counts(rows));
        Assert.Equal(inRange.Count, progress.RecordsScanned);
        Assert.Equal(inRange.Sum(w => (long)System.Text.Encoding.UTF8.GetByteCount(w.Message)), progress.BytesScanned);
        Assert.Equal(inRange.Count(w => w.Message.StartsWith("vinternal_1", StringComparison.Ordinal)), progress.RecordsMatched);
    }

    [Theory]
    [InlineData("filter @message like /eth0/ | limit 5")]
    [InlineData("filter @message like /eth0/ | stats earliest(@message)")]
    public void Statistics_of_an_ordered_scan_count_every_event_of_the_range_from_the_blocks(string query)
    {
        Assert.Null(Plan(query).Blocks);
        var sorted = _written.Select(w => w.Ts).Order().ToList();
        var (from, to) = (sorted[sorted.Count / 3], sorted[sorted.Count * 2 / 3]);
        var progress = new QueryProgress();
        QueryEngine.Run(_temp.Store, new QueryRequest(Parser.Parse(query), [_temp.Store.GetGroup(G)!], from, to, null, "000000000000", 0), progress, TestContext.Current.CancellationToken);

        var inRange = _written.Where(w => w.Ts >= from && w.Ts <= to).ToList();
        Assert.Equal(inRange.Count, progress.RecordsScanned);
        Assert.Equal(inRange.Sum(w => (long)System.Text.Encoding.UTF8.GetByteCount(w.Message)), progress.BytesScanned);
    }

    [Fact]
    public void Log_stream_and_json_fields_come_through_the_blocks()
    {
        var query = "filter @message like /level/ | stats count(*) as n, sum(size) as total by @logStream, level";
        Assert.NotNull(Plan(query).Blocks);
        var rows = _temp.Query(query, G);
        var expected = _written.Where(w => w.Message.StartsWith('{'))
            .GroupBy(w => (w.Stream, Level: w.Message.Contains("\"ERROR\"", StringComparison.Ordinal) ? "ERROR" : "INFO"))
            .ToDictionary(g => $"{g.Key.Stream}|{g.Key.Level}", g => $"{g.Count()}/{g.Sum(w => JsonSize(w.Message))}");
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            rows.ToDictionary(r => $"{r["@logStream"]}|{r["level"]}", r => $"{r["n"]}/{r["total"]}").OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_sorted_query_through_the_blocks_gives_the_newest_matching_events()
    {
        var query = "filter @message like /eth0/ | sort @timestamp desc | limit 50 | fields @timestamp, @message";
        Assert.NotNull(Plan(query).Blocks);
        var rows = _temp.Query(query, G);
        var expected = _written.Where(w => w.Message.StartsWith("eth0", StringComparison.Ordinal)).OrderByDescending(w => w.Ts).Take(50).ToList();
        Assert.Equal(expected.Select(w => w.Ts), rows.Select(r => DateTimeOffset.Parse(r["@timestamp"], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()));
        Assert.Equal(expected.Select(w => w.Message).Order(StringComparer.Ordinal), rows.Select(r => r["@message"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Lines_of_the_same_millisecond_sort_in_the_order_they_were_written()
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 10_000;
        await _temp.Store.AppendAsync("/aws/lambda/ties", "a", [new(t, "tie 1"), new(t, "tie 2"), new(t - 1, "before")], TestContext.Current.CancellationToken);
        await _temp.Store.AppendAsync("/aws/lambda/ties", "b", [new(t, "tie 3"), new(t, "tie 4")], TestContext.Current.CancellationToken);

        var ascending = _temp.Query("sort @timestamp asc | fields @message", "/aws/lambda/ties").Select(r => r["@message"]);
        Assert.Equal(["before", "tie 1", "tie 2", "tie 3", "tie 4"], ascending);
        var descending = _temp.Query("filter @message like /tie/ | sort @timestamp desc | fields @message", "/aws/lambda/ties").Select(r => r["@message"]);
        Assert.Equal(["tie 4", "tie 3", "tie 2", "tie 1"], descending);
    }

    [Fact]
    public void Order_dependent_or_lambda_field_queries_keep_the_ordered_scan()
    {
        Assert.Null(Plan("filter @message like /eth0/ | limit 5").Blocks);
        Assert.Null(Plan("filter @message like /eth0/ | stats latest(@message)").Blocks);
        Assert.Null(Plan("filter @message like /eth0/ | dedup @logStream").Blocks);
        Assert.Null(Plan("filter @type = \"REPORT\" | stats count(*)").Blocks);
        Assert.Null(Plan("filter @message like /eth0/ and @type = \"REPORT\" | stats count(*)").Blocks);
        Assert.Null(Plan("stats avg(@duration)").Blocks);
        Assert.Equal(["eth0", "x"], Plan("filter @message like /eth0|x/ | stats count(*)").Blocks!.Literals);
        Assert.Equal(["eth0"], Plan("filter @message like /eth0/ and strlen(@message) > 3 | stats count(*)").Blocks!.Literals);
        Assert.Null(Plan("filter strlen(@message) > 3 | stats count(*)").Blocks!.Literals);
    }

    [Fact]
    public async Task Deleting_a_stream_rewrites_the_blocks_that_held_its_events()
    {
        await _temp.Store.DeleteStreamAsync(G, "s2", TestContext.Current.CancellationToken);
        var left = _written.Where(w => w.Stream != "s2").ToList();
        Assert.Equal(Expected(left), Counts(_temp.Query("filter @message like /vinternal_1/ or @message like /telemetry1_sb/ | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac", G)));
        Assert.Equal(left.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(_temp.Query("stats count(*) as n", G))["n"]);
    }

    [Fact]
    public async Task Retention_drops_and_trims_blocks_with_the_expired_events()
    {
        // Older events: three days ago, enough of them to seal blocks that are then partly and wholly expired.
        var old = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (3 * 86_400_000L);
        await WriteAsync(count: 2 * EventBlocks.SealThreshold, seed: 11, old - 3_600_000, stream: "old");
        await WriteAsync(count: EventBlocks.SealThreshold, seed: 12, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000);
        await _temp.Store.PutRetentionAsync(G, 1, TestContext.Current.CancellationToken);

        var cutoff = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 86_400_000L;
        var left = _written.Where(w => w.Ts >= cutoff).ToList();
        Assert.True(left.Count < _written.Count);
        Assert.Equal(Expected(left), Counts(_temp.Query("filter @message like /vinternal_1/ or @message like /telemetry1_sb/ | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac", G)));
        Assert.Equal(left.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(_temp.Query("stats count(*) as n", G))["n"]);
    }

    [Fact]
    public async Task A_reopened_store_keeps_answering_and_sealing()
    {
        await _temp.ReopenAsync();
        var query = "filter @message like /telemetry1_sb/ | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac";
        Assert.Equal(Expected(_written.Where(w => w.Message.StartsWith("telemetry1_sb", StringComparison.Ordinal))), Counts(_temp.Query(query, G)));

        var before = BlockCount();
        await WriteAsync(count: EventBlocks.SealThreshold + 5, seed: 99, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000);
        Assert.True(BlockCount() > before);
        Assert.Equal(Expected(_written.Where(w => w.Message.StartsWith("telemetry1_sb", StringComparison.Ordinal))), Counts(_temp.Query(query, G)));
    }

    [Fact]
    public async Task A_store_written_before_blocks_existed_is_sealed_on_its_next_write_and_answers_the_same_before_and_after()
    {
        await _temp.Store.DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM event_blocks";
            command.ExecuteNonQuery();
        }

        await _temp.ReopenAsync();
        Assert.Equal(0, BlockCount());
        var query = "filter @message like /vinternal_1/ or @message like /telemetry1_sb/ | parse @message \"*:*\" as nic, mac | stats count(*) as n by nic, mac";
        Assert.Equal(Expected(_written), Counts(_temp.Query(query, G))); // all of it read as the tail

        await WriteAsync(count: 1, seed: 5, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(BlockCount() >= 2, "the whole history should have been sealed, at most 4,096 events per block");
        Assert.Equal(Expected(_written), Counts(_temp.Query(query, G)));
        Assert.Equal(_written.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(_temp.Query("stats count(*) as n", G))["n"]);
    }

    [Fact]
    public void A_scan_reads_blocks_and_tail_in_one_snapshot_even_when_a_seal_commits_in_the_middle()
    {
        // Sealing moves the tail into a new block in one transaction; a scan that read the blocks before it and the
        // tail after it (two snapshots) would count the sealed events twice and see the new ones.
        var group = _temp.Store.GetGroup(G)!;
        var request = new BlockScanRequest([group.Id], 0, long.MaxValue / 2, ["vinternal_1"]);
        var expected = _written.Count(w => w.Message.StartsWith("vinternal_1", StringComparison.Ordinal));
        var blocksBefore = BlockCount();
        var sealedMidScan = false;
        var seen = 0;
        using var connection = _temp.Store.OpenReader();
        BlockScan.Run(connection, request, new ScanTally(), batch =>
        {
            seen += batch.Count;
            if (!sealedMidScan)
            {
                sealedMidScan = true;
                // Enough new vinternal_1 lines to seal the tail (and them) into a block, committed by the writer now.
                var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1_000;
                var lines = Enumerable.Range(0, EventBlocks.SealThreshold).Select(i => new LogEventInput(t, $"vinternal_1:02-00-00-00-01-{i % 256:X2}")).ToList();
                _temp.Store.AppendAsync(G, "s1", lines, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
            }
        }, TestContext.Current.CancellationToken);

        Assert.True(sealedMidScan);
        Assert.True(BlockCount() > blocksBefore, "the append in the middle should have sealed a block");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Stopping_early_or_cancelling_ends_the_background_reader()
    {
        var group = _temp.Store.GetGroup(G)!;
        var request = new BlockScanRequest([group.Id], 0, long.MaxValue, null);
        Assert.Equal(5, _temp.Store.ScanBlocks(request, new ScanTally(), TestContext.Current.CancellationToken).Take(5).Count());

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _temp.Store.ScanBlocks(request, new ScanTally(), cancelled.Token).Count());
    }

    private static int JsonSize(string message)
    {
        using var json = System.Text.Json.JsonDocument.Parse(message);
        return json.RootElement.GetProperty("size").GetInt32();
    }

    private static Dictionary<string, int> Expected(IEnumerable<(string Stream, long Ts, string Message)> events) => events
        .Where(w => w.Message.StartsWith("vinternal_1", StringComparison.Ordinal) || w.Message.StartsWith("telemetry1_sb", StringComparison.Ordinal))
        .GroupBy(w => w.Message)
        .ToDictionary(g => g.Key.Replace(':', '|'), g => g.Count());

    private static Dictionary<string, int> Counts(List<Dictionary<string, string>> rows) =>
        rows.ToDictionary(r => $"{r["nic"]}|{r["mac"]}", r => int.Parse(r["n"], CultureInfo.InvariantCulture));

    private static CompiledQuery Plan(string query) => QueryEngine.Compile(
        Parser.Parse(query),
        new QueryContext { AccountId = "000000000000", GroupNames = new Dictionary<long, string>(), StartMs = 0, EndMs = 0, NowMs = 0 },
        null,
        new QueryProgress());

    private long BlockCount()
    {
        using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM event_blocks";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Interleaved batches over five streams, timestamps jittered (not in order), lines of three kinds.</summary>
    private async Task WriteAsync(int count, int seed, long startMs, string? stream = null)
    {
        var random = new Random(seed);
        var streams = stream is null ? ["s1", "s2", "s3", "s4", "s5"] : new[] { stream };
        var pending = streams.ToDictionary(s => s, _ => new List<LogEventInput>());
        for (var i = 0; i < count; i++)
        {
            var s = streams[random.Next(streams.Length)];
            var ts = startMs + (i * 100) + random.Next(-5_000, 5_000);
            var message = random.Next(3) switch
            {
                0 => $"{Nics[random.Next(Nics.Length)]}:02-00-00-00-00-{random.Next(4):X2}",
                1 => $$"""{"level": "{{(random.Next(4) == 0 ? "ERROR" : "INFO")}}", "size": {{random.Next(100)}}}""",
                _ => $"START RequestId: {Guid.NewGuid()} Version: $LATEST",
            };
            pending[s].Add(new LogEventInput(ts, message));
            _written.Add((s, ts, message));
            if (pending[s].Count == 97)
            {
                await _temp.Store.AppendAsync(G, s, pending[s], TestContext.Current.CancellationToken);
                pending[s] = [];
            }
        }

        foreach (var (s, events) in pending.Where(p => p.Value.Count > 0))
        {
            await _temp.Store.AppendAsync(G, s, events, TestContext.Current.CancellationToken);
        }
    }
}
