using Microsoft.Data.Sqlite;

namespace Thaw.Logs.Storage;

/// <summary>
/// The SQLite file: schema and connections. Events live in a WITHOUT ROWID table clustered on
/// (group, timestamp, sequence), so a query over a group and a time range reads contiguous pages.
/// </summary>
internal static class LogDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS log_groups (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created INTEGER NOT NULL,
            retention_days INTEGER,
            class TEXT NOT NULL DEFAULT 'STANDARD');
        CREATE TABLE IF NOT EXISTS log_streams (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            first_event INTEGER,
            last_event INTEGER,
            last_ingestion INTEGER,
            UNIQUE (group_id, name));
        CREATE TABLE IF NOT EXISTS events (
            group_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            stream_id INTEGER NOT NULL,
            ingestion INTEGER NOT NULL,
            size INTEGER NOT NULL,
            type INTEGER NOT NULL,
            duration REAL,
            billed_duration REAL,
            memory_size REAL,
            max_memory_used REAL,
            init_duration REAL,
            restore_duration REAL,
            request_id TEXT,
            message TEXT NOT NULL,
            PRIMARY KEY (group_id, ts, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, seq);
        -- Covers the REPORT metrics (type 3 = PlatformLineType.Report) so a stats over them reads only REPORT rows.
        CREATE INDEX IF NOT EXISTS events_reports ON events (group_id, ts, seq, size, type, duration, billed_duration,
            memory_size, max_memory_used, init_duration, restore_duration) WHERE type = 3;
        -- The same events again, as blocks scanned for message substrings (see EventBlocks / EventBlock); data last so
        -- reading the other columns does not touch its overflow pages.
        CREATE TABLE IF NOT EXISTS event_blocks (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            min_ts INTEGER NOT NULL,
            max_ts INTEGER NOT NULL,
            count INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            data BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS event_blocks_by_group ON event_blocks (group_id, first_seq);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('next_seq', 1);
        """;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    /// <summary>Opens the writer's connection and makes sure the schema exists. WAL + synchronous=FULL: a commit is durable.</summary>
    public static SqliteConnection OpenWriter(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA page_size = 8192;");
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "PRAGMA synchronous = FULL;");
        Execute(connection, "PRAGMA busy_timeout = 60000;");
        Execute(connection, "PRAGMA cache_size = -65536;");
        Execute(connection, Schema);
        return connection;
    }

    public static SqliteConnection OpenReader(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();

        // Scans read the file through a memory map instead of a read() per page.
        Execute(connection, "PRAGMA busy_timeout = 60000; PRAGMA mmap_size = 2147418112; PRAGMA cache_size = -32768;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
