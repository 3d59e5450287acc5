using System.Text;

namespace Thaw.Logs.Storage;

/// <summary>
/// Keeps <c>event_blocks</c> in step with <c>events</c>, inside the writer's transaction. The invariant the scan relies on:
/// every event of a group whose sequence is at most the group's last block's <c>last_seq</c> is in exactly one block
/// (the one whose [first_seq, last_seq] holds it), and no later event is in any block (those are the group's "tail",
/// read from <c>events</c>). The tail is sealed into blocks once it holds <see cref="SealThreshold"/> events.
/// </summary>
internal static class EventBlocks
{
    /// <summary>Tail length that triggers sealing; at most this many events per group are scanned row by row.</summary>
    public const int SealThreshold = 2_048;

    /// <summary>SQL over <c>events</c>: the group's tail (<c>$g</c> the group, <c>$b</c> its blocked-through sequence), through the stream index.</summary>
    public const string TailCondition = "stream_id IN (SELECT id FROM log_streams WHERE group_id = $g) AND seq > $b";

    private const int MaxEventsPerBlock = 4_096;
    private const int MaxTextBytesPerBlock = 1 << 20;

    /// <summary>The sequence up to which the group's events are in blocks (0: none).</summary>
    public static long BlockedThrough(WriterContext ctx, long groupId)
    {
        using var command = ctx.Command(
            "SELECT last_seq FROM event_blocks WHERE group_id = $g ORDER BY first_seq DESC LIMIT 1", ("$g", groupId));
        return command.ExecuteScalar() is long last ? last : 0;
    }

    /// <summary>How many of the group's events are in no block yet.</summary>
    public static long TailCount(WriterContext ctx, long groupId, long blockedThrough)
    {
        using var command = ctx.Command(
            "SELECT count(*) FROM events WHERE " + TailCondition,
            ("$g", groupId), ("$b", blockedThrough));
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Moves the group's whole tail into new blocks; returns the new blocked-through sequence. The tail is read a window
    /// of sequence numbers at a time, so a store written before blocks existed (its whole history is the tail) is
    /// sealed without holding it all in memory.
    /// </summary>
    public static long Seal(WriterContext ctx, long groupId, long blockedThrough)
    {
        const long Window = 1 << 16;
        var last = blockedThrough;
        var pending = new List<BlockEvent>();
        for (var from = blockedThrough + 1; from < ctx.NextSequence; from += Window)
        {
            pending.AddRange(Read(ctx, groupId, from, from + Window - 1));
            var chunks = Chunks(pending).ToList();
            pending.Clear();
            foreach (var chunk in chunks)
            {
                if (chunk.Count < MaxEventsPerBlock && chunk == chunks[^1])
                {
                    pending.AddRange(chunk); // may fill up with the next window
                    break;
                }

                Write(ctx, groupId, chunk[0].Sequence, chunk[^1].Sequence, chunk);
                last = chunk[^1].Sequence;
            }
        }

        if (pending.Count > 0)
        {
            Write(ctx, groupId, pending[0].Sequence, pending[^1].Sequence, pending);
            last = pending[^1].Sequence;
        }

        return last;
    }

    /// <summary>
    /// Re-encodes the group's blocks matching <paramref name="blockCondition"/> from what <c>events</c> now holds (after
    /// a delete), keeping each block's sequence range so the invariant holds; a block left empty is dropped.
    /// </summary>
    public static void Rewrite(WriterContext ctx, long groupId, string blockCondition, params (string Name, object? Value)[] parameters)
    {
        var ranges = new List<(long Id, long First, long Last)>();
        using (var select = ctx.Command(
            $"SELECT id, first_seq, last_seq FROM event_blocks WHERE group_id = $g AND ({blockCondition})",
            [("$g", groupId), .. parameters]))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                ranges.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        foreach (var (id, first, last) in ranges)
        {
            ctx.Execute("DELETE FROM event_blocks WHERE id = $id", ("$id", id));
            var events = Read(ctx, groupId, first, last);
            if (events.Count > 0)
            {
                // One block may exceed the per-block caps after a rewrite only if it did before; keep the range whole.
                Write(ctx, groupId, first, last, events);
            }
        }
    }

    private static List<BlockEvent> Read(WriterContext ctx, long groupId, long fromSequence, long toSequence)
    {
        using var command = ctx.Command(
            """
            SELECT ts, seq, stream_id, ingestion, message FROM events
            WHERE stream_id IN (SELECT id FROM log_streams WHERE group_id = $g) AND seq >= $f AND seq <= $t
            ORDER BY seq
            """,
            ("$g", groupId), ("$f", fromSequence), ("$t", toSequence));
        using var reader = command.ExecuteReader();
        var events = new List<BlockEvent>();
        while (reader.Read())
        {
            events.Add(new BlockEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                Encoding.UTF8.GetBytes(reader.GetString(4))));
        }

        return events;
    }

    private static IEnumerable<List<BlockEvent>> Chunks(List<BlockEvent> events)
    {
        var chunk = new List<BlockEvent>();
        var bytes = 0;
        foreach (var e in events)
        {
            if (chunk.Count > 0 && (chunk.Count >= MaxEventsPerBlock || bytes + e.Message.Length > MaxTextBytesPerBlock))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(e);
            bytes += e.Message.Length;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static void Write(WriterContext ctx, long groupId, long firstSequence, long lastSequence, List<BlockEvent> events)
    {
        long minTs = long.MaxValue, maxTs = long.MinValue, bytes = 0;
        foreach (var e in events)
        {
            minTs = Math.Min(minTs, e.Timestamp);
            maxTs = Math.Max(maxTs, e.Timestamp);
            bytes += e.Message.Length;
        }

        ctx.Execute(
            """
            INSERT INTO event_blocks (group_id, first_seq, last_seq, min_ts, max_ts, count, bytes, data)
            VALUES ($g, $f, $l, $min, $max, $c, $b, $d)
            """,
            ("$g", groupId), ("$f", firstSequence), ("$l", lastSequence), ("$min", minTs), ("$max", maxTs),
            ("$c", (long)events.Count), ("$b", bytes), ("$d", EventBlock.Encode(events)));
    }
}
