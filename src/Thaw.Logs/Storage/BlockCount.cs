using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Thaw.Logs.Storage;

/// <summary>
/// Counts the events of groups in a time range and their bytes (the query statistics) from the event blocks: a block
/// inside the range counts from its header, a block across an edge from its timestamp and end-offset arrays (read
/// with incremental blob I/O, the messages untouched), and the tail from <c>events</c>. One read transaction.
/// Reading every row of the range instead cost as much CPU as the query itself.
/// </summary>
internal static class BlockCount
{
    public static (long Records, long Bytes) Run(SqliteConnection connection, IReadOnlyList<long> groupIds, long startMs, long endMs, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        long records = 0, bytes = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            foreach (var groupId in groupIds)
            {
                ct.ThrowIfCancellationRequested();
                var blockedThrough = BlockScan.BlockedThrough(connection, transaction, groupId);
                using (var blocks = connection.CreateCommand())
                {
                    blocks.Transaction = transaction;
                    blocks.CommandText = """
                        SELECT count, bytes, min_ts, max_ts, id FROM event_blocks
                        WHERE group_id = $g AND max_ts >= $s AND min_ts <= $e
                        """;
                    blocks.Parameters.AddWithValue("$g", groupId);
                    blocks.Parameters.AddWithValue("$s", startMs);
                    blocks.Parameters.AddWithValue("$e", endMs);
                    using var reader = blocks.ExecuteReader();
                    while (reader.Read())
                    {
                        var count = (int)reader.GetInt64(0);
                        if (reader.GetInt64(2) >= startMs && reader.GetInt64(3) <= endMs)
                        {
                            records += count;
                            bytes += reader.GetInt64(1);
                            continue;
                        }

                        // Header (8) + four int64 columns + the int32 ends: everything but the text.
                        var length = 8 + (36 * count);
                        if (buffer.Length < length)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = ArrayPool<byte>.Shared.Rent(length);
                        }

                        using (var blob = new SqliteBlob(connection, "event_blocks", "data", reader.GetInt64(4), readOnly: true))
                        {
                            blob.ReadExactly(buffer, 0, length);
                        }

                        var timestamps = MemoryMarshal.Cast<byte, long>(buffer.AsSpan(8, 8 * count));
                        var ends = MemoryMarshal.Cast<byte, int>(buffer.AsSpan(8 + (32 * count), 4 * count));
                        for (var i = 0; i < count; i++)
                        {
                            if (timestamps[i] >= startMs && timestamps[i] <= endMs)
                            {
                                records++;
                                bytes += ends[i] - (i == 0 ? 0 : ends[i - 1]);
                            }
                        }
                    }
                }

                using var tail = connection.CreateCommand();
                tail.Transaction = transaction;
                tail.CommandText = $"""
                    SELECT count(*), coalesce(sum(size), 0) FROM events
                    WHERE {EventBlocks.TailCondition} AND ts >= $s AND ts <= $e
                    """;
                tail.Parameters.AddWithValue("$g", groupId);
                tail.Parameters.AddWithValue("$b", blockedThrough);
                tail.Parameters.AddWithValue("$s", startMs);
                tail.Parameters.AddWithValue("$e", endMs);
                using var rows = tail.ExecuteReader();
                rows.Read();
                records += rows.GetInt64(0);
                bytes += rows.GetInt64(1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (records, bytes);
    }
}
