using Microsoft.Data.Sqlite;

namespace Thaw.Logs.Storage;

/// <summary>What a <see cref="WriteOperation"/> may use: the writer's connection inside its open transaction, and its caches.</summary>
internal sealed class WriterContext : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, long> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(long GroupId, string Name), long> _streams = [];

    // Per group touched since the caches were last dropped: where its blocks end and how many events follow.
    private readonly Dictionary<long, (long BlockedThrough, long Tail)> _blocks = [];
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _insertParameters;
    private SqliteTransaction? _transaction;
    private long _nextSequence;

    public WriterContext(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        Time = time;
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO events (group_id, ts, seq, stream_id, ingestion, size, type, duration, billed_duration,
                memory_size, max_memory_used, init_duration, restore_duration, request_id, message)
            VALUES ($g, $ts, $seq, $s, $i, $size, $type, $d, $bd, $ms, $mm, $id, $rd, $rid, $m)
            """;
        string[] names = ["$g", "$ts", "$seq", "$s", "$i", "$size", "$type", "$d", "$bd", "$ms", "$mm", "$id", "$rd", "$rid", "$m"];
        _insertParameters = [.. names.Select(n => _insert.Parameters.Add(new SqliteParameter(n, null)))];
        _nextSequence = ReadNextSequence();
    }

    public TimeProvider Time { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public long NextSequence => _nextSequence;

    public void Begin(SqliteTransaction transaction)
    {
        _transaction = transaction;
        _insert.Transaction = transaction;
    }

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    public long? FindGroup(string name)
    {
        if (_groups.TryGetValue(name, out var id))
        {
            return id;
        }

        using var command = Command("SELECT id FROM log_groups WHERE name = $n", ("$n", name));
        if (command.ExecuteScalar() is long found)
        {
            _groups[name] = found;
            return found;
        }

        return null;
    }

    public long CreateGroup(string name, string logGroupClass)
    {
        using var command = Command(
            "INSERT INTO log_groups (name, created, class) VALUES ($n, $c, $k) RETURNING id",
            ("$n", name), ("$c", NowMs), ("$k", logGroupClass));
        var id = (long)command.ExecuteScalar()!;
        _groups[name] = id;
        return id;
    }

    public long? FindStream(long groupId, string name)
    {
        if (_streams.TryGetValue((groupId, name), out var id))
        {
            return id;
        }

        using var command = Command("SELECT id FROM log_streams WHERE group_id = $g AND name = $n", ("$g", groupId), ("$n", name));
        if (command.ExecuteScalar() is long found)
        {
            _streams[(groupId, name)] = found;
            return found;
        }

        return null;
    }

    public long CreateStream(long groupId, string name)
    {
        using var command = Command(
            "INSERT INTO log_streams (group_id, name, created) VALUES ($g, $n, $c) RETURNING id",
            ("$g", groupId), ("$n", name), ("$c", NowMs));
        var id = (long)command.ExecuteScalar()!;
        _streams[(groupId, name)] = id;
        return id;
    }

    /// <summary>Appends in the given order; sequence numbers make that order the stream's order.</summary>
    public void Insert(long groupId, long streamId, IReadOnlyList<PreparedEvent> events, long ingestion)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (!_blocks.TryGetValue(groupId, out var blocks))
        {
            var through = EventBlocks.BlockedThrough(this, groupId);
            blocks = (through, EventBlocks.TailCount(this, groupId, through));
        }

        _blocks[groupId] = (blocks.BlockedThrough, blocks.Tail + events.Count);
        var p = _insertParameters;
        p[0].Value = groupId;
        p[3].Value = streamId;
        p[4].Value = ingestion;
        long first = long.MaxValue, last = long.MinValue;
        foreach (var e in events)
        {
            var l = e.Lambda;
            p[1].Value = e.TimestampMs;
            p[2].Value = _nextSequence++;
            p[5].Value = e.Size;
            p[6].Value = (int)l.Type;
            p[7].Value = (object?)l.Duration ?? DBNull.Value;
            p[8].Value = (object?)l.BilledDuration ?? DBNull.Value;
            p[9].Value = (object?)l.MemorySize ?? DBNull.Value;
            p[10].Value = (object?)l.MaxMemoryUsed ?? DBNull.Value;
            p[11].Value = (object?)l.InitDuration ?? DBNull.Value;
            p[12].Value = (object?)l.RestoreDuration ?? DBNull.Value;
            p[13].Value = (object?)l.RequestId ?? DBNull.Value;
            p[14].Value = e.Message;
            _insert.ExecuteNonQuery();
            first = Math.Min(first, e.TimestampMs);
            last = Math.Max(last, e.TimestampMs);
        }

        Execute(
            """
            UPDATE log_streams SET first_event = min(coalesce(first_event, $f), $f), last_event = max(coalesce(last_event, $l), $l),
                last_ingestion = $i WHERE id = $s
            """,
            ("$f", first), ("$l", last), ("$i", ingestion), ("$s", streamId));
    }

    /// <summary>Seals the tails that reached <see cref="EventBlocks.SealThreshold"/> (end of a transaction).</summary>
    public void SealBlocks()
    {
        List<(long GroupId, long Through)>? due = null;
        foreach (var (groupId, (through, tail)) in _blocks)
        {
            if (tail >= EventBlocks.SealThreshold)
            {
                (due ??= []).Add((groupId, through));
            }
        }

        foreach (var (groupId, through) in due ?? [])
        {
            _blocks[groupId] = (EventBlocks.Seal(this, groupId, through), 0);
        }
    }

    public void SaveSequence() => Execute("UPDATE meta SET value = $v WHERE key = 'next_seq'", ("$v", _nextSequence));

    /// <summary>Drops the name → id memos (after deletes, or a rollback that may have undone inserts).</summary>
    public void ForgetCaches()
    {
        _groups.Clear();
        _streams.Clear();
        _blocks.Clear();
    }

    /// <summary>After a rollback the caches may name rows that no longer exist; they are only memos, so drop them.</summary>
    public void Reset()
    {
        ForgetCaches();
        _transaction = null;
        _insert.Transaction = null;
        _nextSequence = ReadNextSequence();
    }

    public void Dispose() => _insert.Dispose();

    private long ReadNextSequence()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'next_seq'";
        return (long)command.ExecuteScalar()!;
    }
}
