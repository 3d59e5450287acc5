using System.Text;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Tests.Storage;

public sealed class EventBlockTests
{
    private static BlockEvent E(long ts, long seq, string message) => new(ts, seq, seq % 3, ts + 7, Encoding.UTF8.GetBytes(message));

    [Fact]
    public void Encoding_keeps_every_column_and_message_including_empty_and_multibyte_ones()
    {
        BlockEvent[] events = [E(100, 5, "first"), E(90, 6, ""), E(120, 9, "żółw 🐢 done"), E(120, 10, "last")];
        var block = new EventBlock(EventBlock.Encode(events));

        Assert.Equal(4, block.Count);
        Assert.Equal([100L, 90, 120, 120], block.Timestamps.ToArray());
        Assert.Equal([5L, 6, 9, 10], block.Sequences.ToArray());
        Assert.Equal([2L, 0, 0, 1], block.Streams.ToArray());
        Assert.Equal([107L, 97, 127, 127], block.Ingestions.ToArray());
        Assert.Equal(["first", "", "żółw 🐢 done", "last"], Enumerable.Range(0, 4).Select(i => new EventBlock(EventBlock.Encode(events)).Message(i)));
    }

    [Fact]
    public void A_hit_across_two_messages_is_no_match_and_each_message_is_marked_once()
    {
        // "ab" occurs only across the boundary of messages 0 and 1; "abab" in 2 twice; at the very start of 3 and the end of 4.
        var block = new EventBlock(EventBlock.Encode([E(1, 1, "xxa"), E(1, 2, "bxx"), E(1, 3, "abab"), E(1, 4, "ab---"), E(1, 5, "---ab")]));
        var matched = new bool[block.Count];
        block.MarkContaining("ab"u8, matched);
        Assert.Equal([false, false, true, true, true], matched);
    }

    [Fact]
    public void Multibyte_needles_match_whole_characters()
    {
        var block = new EventBlock(EventBlock.Encode([E(1, 1, "kot"), E(1, 2, "żółw"), E(1, 3, "zolw")]));
        var matched = new bool[block.Count];
        block.MarkContaining(Encoding.UTF8.GetBytes("ół"), matched);
        Assert.Equal([false, true, false], matched);
    }

    [Fact]
    public void A_truncated_block_is_rejected()
    {
        var data = EventBlock.Encode([E(1, 1, "one"), E(2, 2, "two")]);
        Assert.Throws<InvalidDataException>(() => new EventBlock(data.AsSpan(0, 20)).Count);
    }
}
