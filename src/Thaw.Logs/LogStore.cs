using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Thaw.Logs.Lambda;
using Thaw.Logs.Storage;

namespace Thaw.Logs;

/// <summary>
/// The durable log store: log groups, streams and events in one SQLite file (WAL). One writer batches appends
/// from any number of callers into transactions; readers use their own connections and never block it.
/// </summary>
public sealed class LogStore : IAsyncDisposable
{
    private static readonly TimeSpan RetentionSweepInterval = TimeSpan.FromHours(1);

    private readonly string _connectionString;
    private readonly LogWriter _writer;
    private readonly ITimer _retentionTimer;
    private int _disposed;

    private LogStore(string connectionString, SqliteConnection writerConnection, TimeProvider time)
    {
        _connectionString = connectionString;
        Time = time;
        _writer = new LogWriter(writerConnection, time);
        _retentionTimer = time.CreateTimer(_ => _ = SweepRetentionAsync(CancellationToken.None), null, RetentionSweepInterval, RetentionSweepInterval);
    }

    internal TimeProvider Time { get; }

    internal ChangeSignal Changes => _writer.Changes;

    /// <summary>Opens (creating if needed) the store at <paramref name="databasePath"/>.</summary>
    public static Task<LogStore> OpenAsync(string databasePath, TimeProvider time, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(time);
        ct.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = LogDatabase.ConnectionString(databasePath);
        var writer = LogDatabase.OpenWriter(connectionString);
        return Task.FromResult(new LogStore(connectionString, writer, time));
    }

    /// <summary>
    /// Appends <paramref name="events"/> to the stream in the given order, creating the group and the stream when
    /// missing. When the returned task completes the events are committed (durable).
    /// </summary>
    public async ValueTask AppendAsync(string logGroup, string logStream, IReadOnlyList<LogEventInput> events, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(logGroup);
        ArgumentException.ThrowIfNullOrEmpty(logStream);
        ArgumentNullException.ThrowIfNull(events);
        var prepared = Prepare(logGroup, events);
        await _writer.RunAsync(ctx =>
        {
            var groupId = ctx.FindGroup(logGroup) ?? ctx.CreateGroup(logGroup, "STANDARD");
            var streamId = ctx.FindStream(groupId, logStream) ?? ctx.CreateStream(groupId, logStream);
            ctx.Insert(groupId, streamId, prepared, ctx.NowMs);
            return true;
        }, prepared.Length, ct);
    }

    /// <summary>Reads a stream in append order, starting after <paramref name="afterSequence"/> (0 = from the start), up to what is stored now.</summary>
    public async IAsyncEnumerable<StoredLogEvent> ReadStreamAsync(
        string logGroup, string logStream, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        var group = GetGroup(logGroup);
        var stream = group is null ? null : GetStream(group.Id, logStream);
        if (group is null || stream is null)
        {
            yield break;
        }

        var after = afterSequence;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var page = ReadStreamPage(stream.Id, after, before: long.MaxValue, 0, long.MaxValue, 1000, ascending: true);
            foreach (var e in page)
            {
                yield return ToStored(group.Name, stream.Name, e);
                after = e.Sequence;
            }

            if (page.Count < 1000)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Yields the group's events (or one stream's) after <paramref name="afterSequence"/> in append order, then
    /// waits for new ones until <paramref name="ct"/> is cancelled. Pass the last seen <see cref="StoredLogEvent.Sequence"/> to resume.
    /// </summary>
    public async IAsyncEnumerable<StoredLogEvent> FollowAsync(
        string logGroup, string? logStream, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(logGroup);
        var after = afterSequence;
        var streamNames = new Dictionary<long, string>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var next = Changes.Next;
            var group = GetGroup(logGroup);
            var page = new List<EventRecord>();
            if (group is not null)
            {
                long? streamId = null;
                if (logStream is not null)
                {
                    streamId = GetStream(group.Id, logStream)?.Id ?? -1;
                }

                page = ReadAfter(group.Id, streamId, after, 1000);
            }

            foreach (var e in page)
            {
                if (!streamNames.TryGetValue(e.StreamId, out var streamName))
                {
                    streamNames = StreamNames([group!.Id]);
                    streamName = streamNames.GetValueOrDefault(e.StreamId, "");
                }

                yield return ToStored(logGroup, streamName, e);
                after = e.Sequence;
            }

            if (page.Count < 1000)
            {
                await next.WaitAsync(ct);
            }
        }
    }

    /// <summary>Stops the writer after it committed everything queued, checkpoints the WAL and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _retentionTimer.DisposeAsync();
        await _writer.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    internal static PreparedEvent[] Prepare(string logGroup, IReadOnlyList<LogEventInput> events)
    {
        var lambda = PlatformLines.IsLambdaGroup(logGroup);
        var prepared = new PreparedEvent[events.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            var e = events[i] ?? throw new ArgumentException("Null log event.", nameof(events));
            ArgumentNullException.ThrowIfNull(e.Message, nameof(events));
            prepared[i] = new PreparedEvent(e.TimestampMs, e.Message, Encoding.UTF8.GetByteCount(e.Message), lambda ? PlatformLines.Parse(e.Message) : LambdaFields.None);
        }

        return prepared;
    }

    // ---- operations of the Logs API ----

    internal Task CreateGroupAsync(string name, string logGroupClass, CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            if (ctx.FindGroup(name) is not null)
            {
                throw new LogsServiceException(LogsErrorTypes.ResourceAlreadyExists, "The specified log group already exists");
            }

            return ctx.CreateGroup(name, logGroupClass);
        }, 1, ct);

    internal Task DeleteGroupAsync(string name, CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            var id = ctx.FindGroup(name) ?? throw GroupNotFound();
            ctx.Execute("DELETE FROM events WHERE group_id = $g", ("$g", id));
            ctx.Execute("DELETE FROM event_blocks WHERE group_id = $g", ("$g", id));
            ctx.Execute("DELETE FROM log_streams WHERE group_id = $g", ("$g", id));
            ctx.Execute("DELETE FROM log_groups WHERE id = $g", ("$g", id));
            ctx.ForgetCaches();
            return true;
        }, 1000, ct);

    internal Task CreateStreamAsync(string group, string stream, CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            var groupId = ctx.FindGroup(group) ?? throw GroupNotFound();
            if (ctx.FindStream(groupId, stream) is not null)
            {
                throw new LogsServiceException(LogsErrorTypes.ResourceAlreadyExists, "The specified log stream already exists");
            }

            return ctx.CreateStream(groupId, stream);
        }, 1, ct);

    internal Task DeleteStreamAsync(string group, string stream, CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            var groupId = ctx.FindGroup(group) ?? throw GroupNotFound();
            var streamId = ctx.FindStream(groupId, stream) ?? throw StreamNotFound();
            long first = 0, last = -1;
            using (var range = ctx.Command("SELECT min(seq), max(seq) FROM events WHERE stream_id = $s", ("$s", streamId)))
            using (var reader = range.ExecuteReader())
            {
                if (reader.Read() && !reader.IsDBNull(0))
                {
                    (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            ctx.Execute("DELETE FROM events WHERE stream_id = $s", ("$s", streamId));
            EventBlocks.Rewrite(ctx, groupId, "first_seq <= $l AND last_seq >= $f", ("$f", first), ("$l", last));
            ctx.Execute("DELETE FROM log_streams WHERE id = $s", ("$s", streamId));
            ctx.ForgetCaches();
            return true;
        }, 1000, ct);

    internal async Task PutRetentionAsync(string group, int? days, CancellationToken ct)
    {
        await _writer.RunAsync(ctx =>
        {
            var groupId = ctx.FindGroup(group) ?? throw GroupNotFound();
            ctx.Execute("UPDATE log_groups SET retention_days = $d WHERE id = $g", ("$d", days), ("$g", groupId));
            return true;
        }, 1, ct);
        await SweepRetentionAsync(ct);
    }

    /// <summary>PutLogEvents: the group and stream must exist.</summary>
    internal Task PutEventsAsync(string group, string stream, PreparedEvent[] events, CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            var groupId = ctx.FindGroup(group) ?? throw GroupNotFound();
            var streamId = ctx.FindStream(groupId, stream) ?? throw StreamNotFound();
            ctx.Insert(groupId, streamId, events, ctx.NowMs);
            return true;
        }, events.Length, ct);

    internal Task SweepRetentionAsync(CancellationToken ct) =>
        _writer.RunAsync(ctx =>
        {
            using var select = ctx.Command("SELECT id, retention_days FROM log_groups WHERE retention_days IS NOT NULL");
            var groups = new List<(long Id, long Days)>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    groups.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
            }

            foreach (var (id, days) in groups)
            {
                var cutoff = ctx.NowMs - (days * 86_400_000);
                ctx.Execute("DELETE FROM events WHERE group_id = $g AND ts < $t", ("$g", id), ("$t", cutoff));
                ctx.Execute("DELETE FROM event_blocks WHERE group_id = $g AND max_ts < $t", ("$g", id), ("$t", cutoff));
                EventBlocks.Rewrite(ctx, id, "min_ts < $t", ("$t", cutoff));
            }

            ctx.ForgetCaches();

            return true;
        }, 1000, ct);

    internal static LogsServiceException GroupNotFound() => new(LogsErrorTypes.ResourceNotFound, "The specified log group does not exist.");

    internal static LogsServiceException StreamNotFound() => new(LogsErrorTypes.ResourceNotFound, "The specified log stream does not exist.");

    // ---- reads ----

    internal SqliteConnection OpenReader() => LogDatabase.OpenReader(_connectionString);

    internal GroupRecord? GetGroup(string name)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created, retention_days, class FROM log_groups WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadGroup(reader) : null;
    }

    /// <summary>Groups in ASCII order of name, after <paramref name="afterName"/>.</summary>
    internal List<GroupRecord> ListGroups(string? prefix, string? pattern, string? afterName, int limit)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, name, created, retention_days, class FROM log_groups
            WHERE ($p IS NULL OR substr(name, 1, length($p)) = $p) AND ($q IS NULL OR instr(name, $q) > 0) AND ($a IS NULL OR name > $a)
            ORDER BY name LIMIT $l
            """;
        command.Parameters.AddWithValue("$p", (object?)prefix ?? DBNull.Value);
        command.Parameters.AddWithValue("$q", (object?)pattern ?? DBNull.Value);
        command.Parameters.AddWithValue("$a", (object?)afterName ?? DBNull.Value);
        command.Parameters.AddWithValue("$l", limit);
        using var reader = command.ExecuteReader();
        var groups = new List<GroupRecord>();
        while (reader.Read())
        {
            groups.Add(ReadGroup(reader));
        }

        return groups;
    }

    internal StreamRecord? GetStream(long groupId, string name)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, group_id, name, created, first_event, last_event, last_ingestion FROM log_streams WHERE group_id = $g AND name = $n";
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadStream(reader) : null;
    }

    internal List<StreamRecord> ListStreams(long groupId, string? prefix)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, group_id, name, created, first_event, last_event, last_ingestion FROM log_streams
            WHERE group_id = $g AND ($p IS NULL OR substr(name, 1, length($p)) = $p) ORDER BY name
            """;
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$p", (object?)prefix ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var streams = new List<StreamRecord>();
        while (reader.Read())
        {
            streams.Add(ReadStream(reader));
        }

        return streams;
    }

    internal Dictionary<long, string> StreamNames(IReadOnlyList<long> groupIds)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, name FROM log_streams WHERE group_id IN ({string.Join(',', groupIds)})";
        using var reader = command.ExecuteReader();
        var names = new Dictionary<long, string>();
        while (reader.Read())
        {
            names[reader.GetInt64(0)] = reader.GetString(1);
        }

        return names;
    }

    /// <summary>
    /// One page of a stream in sequence order: events with <paramref name="after"/> &lt; seq &lt; <paramref name="before"/>
    /// and startMs ≤ ts &lt; endMs; the first <paramref name="limit"/> ascending, or the last ones (still returned ascending).
    /// </summary>
    internal List<EventRecord> ReadStreamPage(long streamId, long after, long before, long startMs, long endMs, int limit, bool ascending)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT group_id, seq, ts, stream_id, ingestion, size, message FROM events
            WHERE stream_id = $s AND seq > $a AND seq < $b AND ts >= $st AND ts < $en
            ORDER BY seq {(ascending ? "ASC" : "DESC")} LIMIT $l
            """;
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$b", before);
        command.Parameters.AddWithValue("$st", startMs);
        command.Parameters.AddWithValue("$en", endMs);
        command.Parameters.AddWithValue("$l", limit);
        var page = ReadBasic(command);
        if (!ascending)
        {
            page.Reverse();
        }

        return page;
    }

    internal List<EventRecord> ReadAfter(long groupId, long? streamId, long after, int limit)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = streamId is null
            ? "SELECT group_id, seq, ts, stream_id, ingestion, size, message FROM events WHERE group_id = $g AND seq > $a ORDER BY seq LIMIT $l"
            : "SELECT group_id, seq, ts, stream_id, ingestion, size, message FROM events WHERE stream_id = $s AND seq > $a ORDER BY seq LIMIT $l";
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$s", streamId ?? -1);
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$l", limit);
        return ReadBasic(command);
    }

    /// <summary>FilterLogEvents' scan: a group in (timestamp, sequence) order, after a position, optionally only some streams.</summary>
    internal IEnumerable<EventRecord> ReadGroupOrdered(long groupId, IReadOnlyCollection<long>? streamIds, long startMs, long endMs, long afterTs, long afterSeq)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var streamFilter = streamIds is null ? "" : $"AND stream_id IN ({string.Join(',', streamIds)})";
        command.CommandText = $"""
            SELECT group_id, seq, ts, stream_id, ingestion, size, message FROM events
            WHERE group_id = $g AND ts >= $st AND ts <= $en AND (ts > $at OR (ts = $at AND seq > $as)) {streamFilter}
            ORDER BY ts, seq
            """;
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$st", startMs);
        command.Parameters.AddWithValue("$en", endMs);
        command.Parameters.AddWithValue("$at", afterTs);
        command.Parameters.AddWithValue("$as", afterSeq);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadBasicRow(reader);
        }
    }

    internal EventRecord? ReadEvent(long groupId, long sequence)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ScanColumnList(ScanColumns.All)} FROM events WHERE group_id = $g AND seq = $s";
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$s", sequence);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadScanRow(reader, ScanColumns.All) : null;
    }

    /// <summary>Counts and sizes every event of the range (the query statistics), from the event blocks (<see cref="BlockCount"/>).</summary>
    internal (long Records, long Bytes) CountRange(IReadOnlyList<long> groupIds, long startMs, long endMs, CancellationToken ct)
    {
        using var connection = OpenReader();
        return BlockCount.Run(connection, groupIds, startMs, endMs, ct);
    }

    /// <summary>
    /// The starts of the non-empty periods of <paramref name="periodMs"/> (aligned on <paramref name="offsetMs"/>) in a
    /// range, by seeking the primary key once per period found instead of reading every event.
    /// </summary>
    internal List<long> NonEmptyPeriods(IReadOnlyList<long> groupIds, long startMs, long endMs, long periodMs, long offsetMs, CancellationToken ct)
    {
        var keys = new SortedSet<long>();
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ts FROM events WHERE group_id = $g AND ts >= $f AND ts <= $e ORDER BY ts LIMIT 1";
        var g = command.Parameters.AddWithValue("$g", 0L);
        var f = command.Parameters.AddWithValue("$f", 0L);
        command.Parameters.AddWithValue("$e", endMs);
        foreach (var groupId in groupIds)
        {
            g.Value = groupId;
            var from = startMs;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                f.Value = from;
                if (command.ExecuteScalar() is not long ts)
                {
                    break;
                }

                var key = (long)(Math.Floor((ts - offsetMs) / (double)periodMs) * periodMs) + offsetMs;
                keys.Add(key);
                from = key + periodMs;
            }
        }

        return [.. keys];
    }

    /// <summary>Group keys (and their row counts) computed by SQLite over a range: see <see cref="Insights.GroupSeed"/>.</summary>
    internal List<(long Key, long Count, long Bytes)> DistinctKeys(
        IReadOnlyList<long> groupIds, long startMs, long endMs, string keySql, string? predicate, IReadOnlyList<object> parameters, CancellationToken ct)
    {
        var totals = new Dictionary<long, (long Count, long Bytes)>();
        using var connection = OpenReader();
        foreach (var groupId in groupIds)
        {
            ct.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {keySql}, count(*), total(size) FROM events
                WHERE group_id = $g AND ts >= $s AND ts <= $e {(predicate is null ? "" : $"AND ({predicate})")}
                GROUP BY 1
                """;
            command.Parameters.AddWithValue("$g", groupId);
            command.Parameters.AddWithValue("$s", startMs);
            command.Parameters.AddWithValue("$e", endMs);
            for (var i = 0; i < parameters.Count; i++)
            {
                command.Parameters.AddWithValue($"$p{i}", parameters[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (count, bytes) = totals.GetValueOrDefault(reader.GetInt64(0));
                totals[reader.GetInt64(0)] = (count + reader.GetInt64(1), bytes + (long)reader.GetDouble(2));
            }
        }

        return [.. totals.Select(t => (t.Key, t.Value.Count, t.Value.Bytes))];
    }

    /// <summary>
    /// The query engine's scan: newest first across all requested groups (a k-way merge of one ordered cursor
    /// per group), reading only the requested columns and rows passing the SQL pre-filter. Streamed from a background thread (<see cref="BackgroundScan"/>).
    /// </summary>
    internal IEnumerable<EventRecord> Scan(ScanRequest request, CancellationToken ct) =>
        BackgroundScan.Run((emit, token) => ScanInto(request, emit, token), ct);

    private void ScanInto(ScanRequest request, Action<List<EventRecord>> emit, CancellationToken ct)
    {
        var metrics = request.Metrics is null ? null : MetricColumns.Select(request.Metrics.Contains).ToArray();
        using var connection = OpenReader();
        var cursors = new List<(SqliteCommand Command, SqliteDataReader Reader)>();
        try
        {
            var heads = new List<EventRecord?>();
            foreach (var groupId in request.GroupIds)
            {
                var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {ScanColumnList(request.Columns, request.Metrics)} FROM events {(request.Index is null ? "" : $"INDEXED BY {request.Index}")}
                    WHERE group_id = $g AND ts >= $s AND ts <= $e {(request.Predicate is null ? "" : $"AND ({request.Predicate})")}
                    ORDER BY ts DESC, seq DESC
                    """;
                command.Parameters.AddWithValue("$g", groupId);
                command.Parameters.AddWithValue("$s", request.StartMs);
                command.Parameters.AddWithValue("$e", request.EndMs);
                for (var i = 0; i < request.PredicateParameters.Count; i++)
                {
                    command.Parameters.AddWithValue($"$p{i}", request.PredicateParameters[i]);
                }

                var reader = command.ExecuteReader();
                cursors.Add((command, reader));
                heads.Add(reader.Read() ? ReadScanRow(reader, request.Columns, metrics) : null);
            }

            // Small first batches so a query that needs only a few events (a limit) gets them at once.
            var batch = new List<EventRecord>(64);
            while (true)
            {
                if (batch.Count == batch.Capacity)
                {
                    ct.ThrowIfCancellationRequested();
                    emit(batch);
                    batch = new List<EventRecord>(Math.Min(batch.Capacity * 4, 4096));
                }

                var best = -1;
                for (var i = 0; i < heads.Count; i++)
                {
                    var h = heads[i];
                    if (h is not null && (best < 0 || h.Timestamp > heads[best]!.Timestamp
                        || (h.Timestamp == heads[best]!.Timestamp && h.Sequence > heads[best]!.Sequence)))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    if (batch.Count > 0)
                    {
                        emit(batch);
                    }

                    return;
                }

                batch.Add(heads[best]!);
                var r = cursors[best].Reader;
                heads[best] = r.Read() ? ReadScanRow(r, request.Columns, metrics) : null;
            }
        }
        finally
        {
            foreach (var (command, reader) in cursors)
            {
                reader.Dispose();
                command.Dispose();
            }
        }
    }

    /// <summary>
    /// The query engine's unordered scan through the event blocks (see <see cref="BlockScan"/>), on a background thread.
    /// <paramref name="tally"/> is complete once the enumeration ends.
    /// </summary>
    internal IEnumerable<EventRecord> ScanBlocks(BlockScanRequest request, ScanTally tally, CancellationToken ct) =>
        BackgroundScan.Run((emit, token) =>
        {
            using var connection = OpenReader();
            BlockScan.Run(connection, request, tally, emit, token);
        }, ct);

    private static readonly string[] MetricColumns = ["duration", "billed_duration", "memory_size", "max_memory_used", "init_duration", "restore_duration"];

    private static string ScanColumnList(ScanColumns columns, IReadOnlyCollection<string>? metrics = null)
    {
        var sb = new StringBuilder("group_id, seq, ts, size");
        if (columns.HasFlag(ScanColumns.Stream))
        {
            sb.Append(", stream_id");
        }

        if (columns.HasFlag(ScanColumns.Ingestion))
        {
            sb.Append(", ingestion");
        }

        if (columns.HasFlag(ScanColumns.Lambda))
        {
            // Metrics the query does not read are selected as NULL: same positions, no column decoding, no reads.
            sb.Append(", type");
            foreach (var column in MetricColumns)
            {
                sb.Append(", ").Append(metrics is null || metrics.Contains(column) ? column : "NULL");
            }
        }

        if (columns.HasFlag(ScanColumns.RequestId))
        {
            sb.Append(", request_id");
        }

        if (columns.HasFlag(ScanColumns.Message))
        {
            sb.Append(", message");
        }

        return sb.ToString();
    }

    private static EventRecord ReadScanRow(SqliteDataReader r, ScanColumns columns, bool[]? metrics = null)
    {
        var i = 4;
        long stream = 0, ingestion = 0;
        LambdaFields lambda = default;
        string? message = null;
        if (columns.HasFlag(ScanColumns.Stream))
        {
            stream = r.GetInt64(i++);
        }

        if (columns.HasFlag(ScanColumns.Ingestion))
        {
            ingestion = r.GetInt64(i++);
        }

        if (columns.HasFlag(ScanColumns.Lambda))
        {
            var type = (PlatformLineType)r.GetInt32(i);
            if (type == PlatformLineType.Report)
            {
                lambda = new LambdaFields(type, null, Metric(r, i + 1, metrics, 0), Metric(r, i + 2, metrics, 1), Metric(r, i + 3, metrics, 2),
                    Metric(r, i + 4, metrics, 3), Metric(r, i + 5, metrics, 4), Metric(r, i + 6, metrics, 5));
            }
            else
            {
                lambda = LambdaFields.None with { Type = type };
            }

            i += 7;
        }

        if (columns.HasFlag(ScanColumns.RequestId))
        {
            lambda = lambda with { RequestId = r.IsDBNull(i) ? null : r.GetString(i) };
            i++;
        }

        if (columns.HasFlag(ScanColumns.Message))
        {
            message = r.GetString(i);
        }

        return new EventRecord
        {
            GroupId = r.GetInt64(0),
            Sequence = r.GetInt64(1),
            Timestamp = r.GetInt64(2),
            Size = r.GetInt32(3),
            StreamId = stream,
            IngestionTime = ingestion,
            Lambda = lambda,
            Message = message,
        };
    }

    private static double? Nullable(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static double? Metric(SqliteDataReader r, int i, bool[]? read, int metric) => read is null || read[metric] ? Nullable(r, i) : null;

    private static List<EventRecord> ReadBasic(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<EventRecord>();
        while (reader.Read())
        {
            list.Add(ReadBasicRow(reader));
        }

        return list;
    }

    private static EventRecord ReadBasicRow(SqliteDataReader r) => new()
    {
        GroupId = r.GetInt64(0),
        Sequence = r.GetInt64(1),
        Timestamp = r.GetInt64(2),
        StreamId = r.GetInt64(3),
        IngestionTime = r.GetInt64(4),
        Size = r.GetInt32(5),
        Message = r.GetString(6),
    };

    private static GroupRecord ReadGroup(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4));

    private static StreamRecord ReadStream(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3),
        r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.IsDBNull(6) ? null : r.GetInt64(6));

    private static StoredLogEvent ToStored(string group, string stream, EventRecord e) =>
        new(e.Sequence, group, stream, e.Timestamp, e.IngestionTime, e.Message ?? "");
}
