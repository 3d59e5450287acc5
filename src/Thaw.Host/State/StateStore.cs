using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Thaw.Sandbox;

namespace Thaw.Host.State;

/// <summary>
/// Durable control-plane state in SQLite (<c>thaw.db</c>): functions, versions, aliases, concurrency, the async
/// queue, and snapshot and environment lineage. Every mutation is one transaction, so a crash never leaves a
/// half-written function or version behind.
/// </summary>
internal sealed class StateStore
{
    private readonly string _connectionString;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int?> _reserved = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Function, string Version), VersionRecord> _versions = new();

    // Cache fills (read the database, then insert) and writes (update the database, then the cache) take this lock, so a
    // fill that read the old row can never land after the write that replaced it.
    private readonly Lock _cacheGate = new();

    public StateStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var c = Open();
        Execute(c, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS functions (
                name TEXT PRIMARY KEY, config TEXT NOT NULL, reserved_concurrency INTEGER NULL, next_version INTEGER NOT NULL DEFAULT 1);
            CREATE TABLE IF NOT EXISTS versions (
                function TEXT NOT NULL, version INTEGER NOT NULL, config TEXT NOT NULL, state TEXT NOT NULL,
                state_reason TEXT NULL, state_reason_code TEXT NULL, optimization TEXT NOT NULL,
                PRIMARY KEY (function, version));
            CREATE TABLE IF NOT EXISTS aliases (
                function TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, description TEXT NOT NULL,
                weights TEXT NULL, revision TEXT NOT NULL, PRIMARY KEY (function, name));
            CREATE TABLE IF NOT EXISTS snapshots (
                id TEXT PRIMARY KEY, function TEXT NOT NULL, version TEXT NOT NULL, directory TEXT NOT NULL,
                init_env TEXT NOT NULL, init_stream TEXT NOT NULL, interfaces TEXT NOT NULL, init_ms REAL NOT NULL,
                size INTEGER NOT NULL, created INTEGER NOT NULL, last_restored INTEGER NULL, restores INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS environments (
                id TEXT PRIMARY KEY, function TEXT NOT NULL, version TEXT NOT NULL, init_type TEXT NOT NULL,
                snapshot TEXT NULL, stream TEXT NOT NULL, interfaces TEXT NOT NULL, started INTEGER NOT NULL,
                ended INTEGER NULL, end_reason TEXT NULL);
            CREATE TABLE IF NOT EXISTS async_queue (
                id TEXT PRIMARY KEY, function TEXT NOT NULL, qualifier TEXT NOT NULL, payload BLOB NOT NULL,
                enqueued INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);
            """);
    }

    // ---- functions -------------------------------------------------------------------------------------

    /// <summary>Read on every invoke, so served from a write-through cache.</summary>
    public FunctionDefinition? GetFunction(string name)
    {
        if (_functions.TryGetValue(name, out var cached))
        {
            return cached;
        }

        lock (_cacheGate)
        {
            using var c = Open();
            using var cmd = Command(c, "SELECT config FROM functions WHERE name = $n", ("$n", name));
            var f = cmd.ExecuteScalar() is string json ? Deserialize(json) : null;
            if (f is not null)
            {
                _functions[name] = f;
            }

            return f;
        }
    }

    public IReadOnlyList<FunctionDefinition> ListFunctions()
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT config FROM functions ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<FunctionDefinition>();
        while (r.Read())
        {
            list.Add(Deserialize(r.GetString(0)));
        }

        return list;
    }

    /// <summary>Inserts a new function; false when one of that name exists.</summary>
    public bool TryCreateFunction(FunctionDefinition f)
    {
        using var c = Open();
        using var cmd = Command(c, "INSERT OR IGNORE INTO functions (name, config) VALUES ($n, $c)", ("$n", f.Name), ("$c", Serialize(f)));
        _functions.TryRemove(f.Name, out _);
        return cmd.ExecuteNonQuery() == 1;
    }

    public void UpdateFunction(FunctionDefinition f)
    {
        using var gate = _cacheGate.EnterScope();
        using var c = Open();
        using var cmd = Command(c, "UPDATE functions SET config = $c WHERE name = $n", ("$n", f.Name), ("$c", Serialize(f)));
        cmd.ExecuteNonQuery();
        _functions[f.Name] = f;
    }

    public void DeleteFunction(string name)
    {
        using var gate = _cacheGate.EnterScope();
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var table in new[] { "functions WHERE name", "versions WHERE function", "aliases WHERE function", "async_queue WHERE function" })
        {
            using var cmd = Command(c, $"DELETE FROM {table} = $n", ("$n", name));
            cmd.Transaction = tx;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
        _reserved.TryRemove(name, out _);
        _functions.TryRemove(name, out _);
        foreach (var key in _versions.Keys.Where(k => k.Function == name))
        {
            _versions.TryRemove(key, out _);
        }
    }

    /// <summary>Read on every invoke, so answered from memory; the database is written through on change.</summary>
    public int? GetReservedConcurrency(string name) =>
        _reserved.GetOrAdd(name, n =>
        {
            using var c = Open();
            using var cmd = Command(c, "SELECT reserved_concurrency FROM functions WHERE name = $n", ("$n", n));
            return cmd.ExecuteScalar() is long l ? (int)l : null;
        });

    public void SetReservedConcurrency(string name, int? value)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE functions SET reserved_concurrency = $v WHERE name = $n", ("$n", name), ("$v", value));
        cmd.ExecuteNonQuery();
        _reserved[name] = value;
    }

    public int SumReservedConcurrency(string exceptFunction)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT COALESCE(SUM(reserved_concurrency), 0) FROM functions WHERE name <> $n", ("$n", exceptFunction));
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    // ---- versions --------------------------------------------------------------------------------------

    /// <summary>Allocates the next version number and stores the version, atomically.</summary>
    public VersionRecord PublishVersion(FunctionDefinition config, string state, string optimization, string? reason, string? reasonCode)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var next = Command(c, "UPDATE functions SET next_version = next_version + 1 WHERE name = $n RETURNING next_version - 1", ("$n", config.Name));
        next.Transaction = tx;
        var number = Convert.ToInt64(next.ExecuteScalar(), CultureInfo.InvariantCulture);
        var record = new VersionRecord
        {
            FunctionName = config.Name,
            Version = number.ToString(CultureInfo.InvariantCulture),
            Config = config,
            State = state,
            OptimizationStatus = optimization,
            StateReason = reason,
            StateReasonCode = reasonCode,
        };
        using var ins = Command(c, "INSERT INTO versions VALUES ($f, $v, $c, $s, $r, $rc, $o)",
            ("$f", config.Name), ("$v", number), ("$c", Serialize(config)), ("$s", state), ("$r", reason), ("$rc", reasonCode), ("$o", optimization));
        ins.Transaction = tx;
        ins.ExecuteNonQuery();
        tx.Commit();
        _versions[(record.FunctionName, record.Version)] = record;
        return record;
    }

    public void SetVersionState(string function, string version, string state, string optimization, string? reason, string? reasonCode)
    {
        using var gate = _cacheGate.EnterScope();
        using var c = Open();
        using var cmd = Command(c, "UPDATE versions SET state = $s, optimization = $o, state_reason = $r, state_reason_code = $rc WHERE function = $f AND version = $v",
            ("$f", function), ("$v", long.Parse(version, CultureInfo.InvariantCulture)), ("$s", state), ("$o", optimization), ("$r", reason), ("$rc", reasonCode));
        cmd.ExecuteNonQuery();
        _versions.TryRemove((function, version), out _);
    }

    /// <summary>Read on every invoke of a version or alias, so served from a write-through cache.</summary>
    public VersionRecord? GetVersion(string function, string version)
    {
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        if (_versions.TryGetValue((function, version), out var cached))
        {
            return cached;
        }

        using var gate = _cacheGate.EnterScope();
        using var c = Open();
        using var cmd = Command(c, "SELECT version, config, state, state_reason, state_reason_code, optimization FROM versions WHERE function = $f AND version = $v", ("$f", function), ("$v", number));
        using var r = cmd.ExecuteReader();
        var record = r.Read() ? ReadVersion(function, r) : null;
        if (record is not null)
        {
            _versions[(function, record.Version)] = record;
        }

        return record;
    }

    public IReadOnlyList<VersionRecord> ListVersions(string function)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT version, config, state, state_reason, state_reason_code, optimization FROM versions WHERE function = $f ORDER BY version", ("$f", function));
        using var r = cmd.ExecuteReader();
        var list = new List<VersionRecord>();
        while (r.Read())
        {
            list.Add(ReadVersion(function, r));
        }

        return list;
    }

    public IReadOnlyList<VersionRecord> ListVersionsInState(string state)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT version, config, state, state_reason, state_reason_code, optimization, function FROM versions WHERE state = $s", ("$s", state));
        using var r = cmd.ExecuteReader();
        var list = new List<VersionRecord>();
        while (r.Read())
        {
            list.Add(ReadVersion(r.GetString(6), r));
        }

        return list;
    }

    public void DeleteVersion(string function, string version)
    {
        using var gate = _cacheGate.EnterScope();
        using var c = Open();
        using var cmd = Command(c, "DELETE FROM versions WHERE function = $f AND version = $v", ("$f", function), ("$v", long.Parse(version, CultureInfo.InvariantCulture)));
        cmd.ExecuteNonQuery();
        _versions.TryRemove((function, version), out _);
    }

    // ---- aliases ---------------------------------------------------------------------------------------

    public bool TryCreateAlias(AliasRecord a)
    {
        using var c = Open();
        using var cmd = Command(c, "INSERT OR IGNORE INTO aliases VALUES ($f, $n, $v, $d, $w, $r)",
            ("$f", a.FunctionName), ("$n", a.Name), ("$v", a.FunctionVersion), ("$d", a.Description), ("$w", SerializeWeights(a.AdditionalVersionWeights)), ("$r", a.RevisionId));
        return cmd.ExecuteNonQuery() == 1;
    }

    public void UpdateAlias(AliasRecord a)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE aliases SET version = $v, description = $d, weights = $w, revision = $r WHERE function = $f AND name = $n",
            ("$f", a.FunctionName), ("$n", a.Name), ("$v", a.FunctionVersion), ("$d", a.Description), ("$w", SerializeWeights(a.AdditionalVersionWeights)), ("$r", a.RevisionId));
        cmd.ExecuteNonQuery();
    }

    public AliasRecord? GetAlias(string function, string name) => QueryAliases(function, name).FirstOrDefault();

    public IReadOnlyList<AliasRecord> ListAliases(string function) => QueryAliases(function, null);

    public bool DeleteAlias(string function, string name)
    {
        using var c = Open();
        using var cmd = Command(c, "DELETE FROM aliases WHERE function = $f AND name = $n", ("$f", function), ("$n", name));
        return cmd.ExecuteNonQuery() == 1;
    }

    // ---- snapshots -------------------------------------------------------------------------------------

    public void InsertSnapshot(SnapshotRecord s)
    {
        using var c = Open();
        using var cmd = Command(c, "INSERT INTO snapshots VALUES ($id, $f, $v, $d, $e, $st, $i, $ms, $sz, $c, NULL, 0, $s)",
            ("$id", s.SnapshotId), ("$f", s.FunctionName), ("$v", s.Version), ("$d", s.Directory), ("$e", s.InitEnvironmentId),
            ("$st", s.InitLogStreamName), ("$i", SerializeInterfaces(s.Interfaces)), ("$ms", s.InitDurationMs), ("$sz", s.SizeBytes),
            ("$c", s.CreatedAt.ToUnixTimeMilliseconds()), ("$s", s.Status));
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<SnapshotRecord> ListSnapshots(string function, string? version, bool includeDropped)
    {
        using var c = Open();
        using var cmd = Command(c, """
            SELECT id, function, version, directory, init_env, init_stream, interfaces, init_ms, size, created, last_restored, restores, status
            FROM snapshots WHERE function = $f AND ($v IS NULL OR version = $v) AND ($all OR status = 'Ready') ORDER BY created
            """, ("$f", function), ("$v", version), ("$all", includeDropped));
        using var r = cmd.ExecuteReader();
        var list = new List<SnapshotRecord>();
        while (r.Read())
        {
            list.Add(new SnapshotRecord
            {
                SnapshotId = r.GetString(0),
                FunctionName = r.GetString(1),
                Version = r.GetString(2),
                Directory = r.GetString(3),
                InitEnvironmentId = r.GetString(4),
                InitLogStreamName = r.GetString(5),
                Interfaces = DeserializeInterfaces(r.GetString(6)),
                InitDurationMs = r.GetDouble(7),
                SizeBytes = r.GetInt64(8),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
                LastRestoredAt = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                Restores = r.GetInt64(11),
                Status = r.GetString(12),
            });
        }

        return list;
    }

    public void RecordRestore(string snapshotId, DateTimeOffset at)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE snapshots SET restores = restores + 1, last_restored = $t WHERE id = $id", ("$id", snapshotId), ("$t", at.ToUnixTimeMilliseconds()));
        cmd.ExecuteNonQuery();
    }

    public void SetSnapshotStatus(string snapshotId, string status)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE snapshots SET status = $s WHERE id = $id", ("$id", snapshotId), ("$s", status));
        cmd.ExecuteNonQuery();
    }

    public void DeleteSnapshots(string function, string? version)
    {
        using var c = Open();
        using var cmd = Command(c, "DELETE FROM snapshots WHERE function = $f AND ($v IS NULL OR version = $v)", ("$f", function), ("$v", version));
        cmd.ExecuteNonQuery();
    }

    // ---- environments (lineage) ------------------------------------------------------------------------

    public void UpsertEnvironment(EnvironmentRecord e)
    {
        using var c = Open();
        using var cmd = Command(c, """
            INSERT INTO environments VALUES ($id, $f, $v, $t, $s, $st, $i, $start, $end, $why)
            ON CONFLICT(id) DO UPDATE SET interfaces = $i, ended = $end, end_reason = $why
            """,
            ("$id", e.EnvironmentId), ("$f", e.FunctionName), ("$v", e.Version), ("$t", e.InitType), ("$s", e.SnapshotId), ("$st", e.LogStreamName),
            ("$i", SerializeInterfaces(e.Interfaces)), ("$start", e.StartedAt.ToUnixTimeMilliseconds()), ("$end", e.EndedAt?.ToUnixTimeMilliseconds()), ("$why", e.EndReason));
        cmd.ExecuteNonQuery();
    }

    /// <summary>Marks environments that a previous host run left open as ended (the host was stopped or crashed).</summary>
    public void CloseDanglingEnvironments(DateTimeOffset at)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE environments SET ended = $t, end_reason = 'HostStopped' WHERE ended IS NULL", ("$t", at.ToUnixTimeMilliseconds()));
        cmd.ExecuteNonQuery();
    }

    // ---- async queue -----------------------------------------------------------------------------------

    public void Enqueue(string id, string function, string qualifier, byte[] payload, DateTimeOffset at)
    {
        using var c = Open();
        using var cmd = Command(c, "INSERT INTO async_queue (id, function, qualifier, payload, enqueued) VALUES ($id, $f, $q, $p, $t)",
            ("$id", id), ("$f", function), ("$q", qualifier), ("$p", payload), ("$t", at.ToUnixTimeMilliseconds()));
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<(string Id, string Function, string Qualifier, byte[] Payload, int Attempts)> PendingAsync(int max)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT id, function, qualifier, payload, attempts FROM async_queue ORDER BY enqueued LIMIT $m", ("$m", max));
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string, string, byte[], int)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3), r.GetInt32(4)));
        }

        return list;
    }

    public void CompleteAsync(string id)
    {
        using var c = Open();
        using var cmd = Command(c, "DELETE FROM async_queue WHERE id = $id", ("$id", id));
        cmd.ExecuteNonQuery();
    }

    public void CountAsyncAttempt(string id)
    {
        using var c = Open();
        using var cmd = Command(c, "UPDATE async_queue SET attempts = attempts + 1 WHERE id = $id", ("$id", id));
        cmd.ExecuteNonQuery();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private List<AliasRecord> QueryAliases(string function, string? name)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT name, version, description, weights, revision FROM aliases WHERE function = $f AND ($n IS NULL OR name = $n) ORDER BY name",
            ("$f", function), ("$n", name));
        using var r = cmd.ExecuteReader();
        var list = new List<AliasRecord>();
        while (r.Read())
        {
            list.Add(new AliasRecord
            {
                FunctionName = function,
                Name = r.GetString(0),
                FunctionVersion = r.GetString(1),
                Description = r.GetString(2),
                AdditionalVersionWeights = r.IsDBNull(3) ? null : JsonSerializer.Deserialize(r.GetString(3), StateJsonContext.Default.DictionaryStringDouble),
                RevisionId = r.GetString(4),
            });
        }

        return list;
    }

    private static VersionRecord ReadVersion(string function, SqliteDataReader r) => new()
    {
        FunctionName = function,
        Version = r.GetInt64(0).ToString(CultureInfo.InvariantCulture),
        Config = Deserialize(r.GetString(1)),
        State = r.GetString(2),
        StateReason = r.IsDBNull(3) ? null : r.GetString(3),
        StateReasonCode = r.IsDBNull(4) ? null : r.GetString(4),
        OptimizationStatus = r.GetString(5),
    };

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var busy = c.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 5000";
        busy.ExecuteNonQuery();
        return c;
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters)
        {
            cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        return cmd;
    }

    private static string Serialize(FunctionDefinition f) => JsonSerializer.Serialize(f, StateJsonContext.Default.FunctionDefinition);

    private static FunctionDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.FunctionDefinition) ?? throw new InvalidDataException("Corrupt function record.");

    private static string? SerializeWeights(Dictionary<string, double>? w) => w is null ? null : JsonSerializer.Serialize(w, StateJsonContext.Default.DictionaryStringDouble);

    private static string SerializeInterfaces(IReadOnlyList<NetworkInterfaceInfo> i) => JsonSerializer.Serialize(i.ToList(), StateJsonContext.Default.ListNetworkInterfaceInfo);

    private static List<NetworkInterfaceInfo> DeserializeInterfaces(string json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.ListNetworkInterfaceInfo) ?? [];
}
