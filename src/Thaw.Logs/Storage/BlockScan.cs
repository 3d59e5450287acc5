using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Thaw.Logs.Storage;

/// <summary>
/// Runs a <see cref="BlockScanRequest"/> in one read transaction (so blocks and tails are one consistent snapshot):
/// per group, the blocks overlapping the time range, searched with vectorised substring search, then the tail after
/// the last block from <c>events</c>. See <see cref="EventBlocks"/> for the invariant that makes the two add up.
/// </summary>
internal static class BlockScan
{
    private const int TailBatch = 1_024;

    /// <summary>Hands the matching events to <paramref name="emit"/> in batches (one per block); a batch is not reused.</summary>
    public static void Run(SqliteConnection connection, BlockScanRequest request, ScanTally tally, Action<List<EventRecord>> emit, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var needles = request.Literals?.Select(l => Encoding.UTF8.GetBytes(l)).ToArray();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var matched = ArrayPool<bool>.Shared.Rent(1024);
        try
        {
            foreach (var groupId in request.GroupIds)
            {
                ct.ThrowIfCancellationRequested();
                var blockedThrough = BlockedThrough(connection, transaction, groupId);

                using (var blocks = connection.CreateCommand())
                {
                    blocks.Transaction = transaction;
                    blocks.CommandText = """
                        SELECT count, bytes, min_ts, max_ts, id, length(data) FROM event_blocks
                        WHERE group_id = $g AND max_ts >= $s AND min_ts <= $e ORDER BY first_seq
                        """;
                    blocks.Parameters.AddWithValue("$g", groupId);
                    blocks.Parameters.AddWithValue("$s", request.StartMs);
                    blocks.Parameters.AddWithValue("$e", request.EndMs);
                    using var reader = blocks.ExecuteReader();
                    while (reader.Read())
                    {
                        ct.ThrowIfCancellationRequested();
                        var whole = reader.GetInt64(2) >= request.StartMs && reader.GetInt64(3) <= request.EndMs;
                        if (whole)
                        {
                            tally.Records += reader.GetInt64(0);
                            tally.Bytes += reader.GetInt64(1);
                        }

                        var length = reader.GetInt32(5);
                        if (buffer.Length < length)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = ArrayPool<byte>.Shared.Rent(length);
                        }

                        // Incremental blob I/O copies the overflow pages straight into the buffer; reading the column
                        // instead makes SQLite allocate (mmap, fault in, zero, unmap) a fresh copy of every block.
                        using (var blob = new SqliteBlob(connection, "event_blocks", "data", reader.GetInt64(4), readOnly: true))
                        {
                            blob.ReadExactly(buffer, 0, length);
                        }
                        var batch = new List<EventRecord>();
                        Collect(groupId, new EventBlock(buffer.AsSpan(0, length)), request, needles, whole, tally, ref matched, batch);
                        if (batch.Count > 0)
                        {
                            emit(batch);
                        }
                    }
                }

                using var tail = connection.CreateCommand();
                tail.Transaction = transaction;
                tail.CommandText = $"""
                    SELECT seq, ts, size, stream_id, ingestion, message FROM events
                    WHERE {EventBlocks.TailCondition} AND ts >= $s AND ts <= $e
                    """;
                tail.Parameters.AddWithValue("$g", groupId);
                tail.Parameters.AddWithValue("$b", blockedThrough);
                tail.Parameters.AddWithValue("$s", request.StartMs);
                tail.Parameters.AddWithValue("$e", request.EndMs);
                using var rows = tail.ExecuteReader();
                var tailBatch = new List<EventRecord>(TailBatch);
                while (rows.Read())
                {
                    var message = rows.GetString(5);
                    var size = rows.GetInt32(2);
                    tally.Records++;
                    tally.Bytes += size;
                    if (request.Literals is { } literals && !literals.Any(l => message.Contains(l, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    tailBatch.Add(new EventRecord
                    {
                        GroupId = groupId,
                        Sequence = rows.GetInt64(0),
                        Timestamp = rows.GetInt64(1),
                        Size = size,
                        StreamId = rows.GetInt64(3),
                        IngestionTime = rows.GetInt64(4),
                        Message = message,
                    });
                    if (tailBatch.Count == TailBatch)
                    {
                        emit(tailBatch);
                        tailBatch = new List<EventRecord>(TailBatch);
                    }
                }

                if (tailBatch.Count > 0)
                {
                    emit(tailBatch);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<bool>.Shared.Return(matched);
        }
    }

    /// <summary>The sequence up to which the group's events are in blocks, as the transaction sees it (0: none).</summary>
    public static long BlockedThrough(SqliteConnection connection, SqliteTransaction transaction, long groupId)
    {
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT last_seq FROM event_blocks WHERE group_id = $g ORDER BY first_seq DESC LIMIT 1";
        last.Parameters.AddWithValue("$g", groupId);
        return last.ExecuteScalar() is long l ? l : 0;
    }

    private static void Collect(long groupId, EventBlock block, BlockScanRequest request, byte[][]? needles, bool whole, ScanTally tally,
        ref bool[] matched, List<EventRecord> into)
    {
        var count = block.Count;
        var timestamps = block.Timestamps;
        if (!whole)
        {
            for (var i = 0; i < count; i++)
            {
                if (timestamps[i] >= request.StartMs && timestamps[i] <= request.EndMs)
                {
                    tally.Records++;
                    tally.Bytes += block.Ends[i] - block.Start(i);
                }
            }
        }

        Span<bool> hits = default;
        if (needles is not null)
        {
            if (matched.Length < count)
            {
                ArrayPool<bool>.Shared.Return(matched);
                matched = ArrayPool<bool>.Shared.Rent(count);
            }

            hits = matched.AsSpan(0, count);
            hits.Clear();
            foreach (var needle in needles)
            {
                block.MarkContaining(needle, hits);
            }
        }

        var sequences = block.Sequences;
        var streams = block.Streams;
        var ingestions = block.Ingestions;
        for (var i = 0; i < count; i++)
        {
            if ((needles is null || hits[i]) && (whole || (timestamps[i] >= request.StartMs && timestamps[i] <= request.EndMs)))
            {
                into.Add(new EventRecord
                {
                    GroupId = groupId,
                    Sequence = sequences[i],
                    Timestamp = timestamps[i],
                    Size = block.Ends[i] - block.Start(i),
                    StreamId = streams[i],
                    IngestionTime = ingestions[i],
                    Message = block.Message(i),
                });
            }
        }
    }
}
