using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Thaw.Logs.Storage;

/// <summary>
/// The layout of one row of <c>event_blocks</c>: a run of one group's events in sequence order, column by column, with
/// the messages as one UTF-8 text. A scan for message substrings then searches the whole text with vectorised
/// <c>IndexOf</c> (as grep does) instead of paying SQLite's per-row cost for each event.
/// <code>
/// int64 count | int64 ts[count] | int64 seq[count] | int64 stream[count] | int64 ingestion[count] | int32 end[count] | text
/// </code>
/// <c>end[i]</c> is where message i ends in the text (message i starts at <c>end[i - 1]</c>, or 0).
/// </summary>
internal readonly ref struct EventBlock
{
    private const int HeaderBytes = 8;
    private const int FixedBytesPerEvent = (4 * 8) + 4;

    private readonly ReadOnlySpan<byte> _data;

    public EventBlock(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderBytes)
        {
            throw new InvalidDataException("Event block shorter than its header.");
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(data);
        if (count < 0 || count > (data.Length - HeaderBytes) / FixedBytesPerEvent)
        {
            throw new InvalidDataException("Event block with an impossible event count.");
        }

        _data = data;
        Count = (int)count;
    }

    public int Count { get; }

    public ReadOnlySpan<long> Timestamps => Longs(0);

    public ReadOnlySpan<long> Sequences => Longs(1);

    public ReadOnlySpan<long> Streams => Longs(2);

    public ReadOnlySpan<long> Ingestions => Longs(3);

    public ReadOnlySpan<int> Ends => MemoryMarshal.Cast<byte, int>(_data.Slice(HeaderBytes + (4 * 8 * Count), 4 * Count));

    public ReadOnlySpan<byte> Text => _data[(HeaderBytes + (FixedBytesPerEvent * Count))..];

    public int Start(int index) => index == 0 ? 0 : Ends[index - 1];

    public string Message(int index) => Encoding.UTF8.GetString(Text[Start(index)..Ends[index]]);

    /// <summary>Serialises events (in sequence order) into a block.</summary>
    public static byte[] Encode(IReadOnlyList<BlockEvent> events)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Event blocks are little-endian.");
        }

        var textBytes = 0;
        foreach (var e in events)
        {
            textBytes += e.Message.Length;
        }

        var count = events.Count;
        var buffer = new byte[HeaderBytes + (FixedBytesPerEvent * count) + textBytes];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, count);
        var longs = MemoryMarshal.Cast<byte, long>(span.Slice(HeaderBytes, 4 * 8 * count));
        var ends = MemoryMarshal.Cast<byte, int>(span.Slice(HeaderBytes + (4 * 8 * count), 4 * count));
        var text = span[(HeaderBytes + (FixedBytesPerEvent * count))..];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            longs[i] = e.Timestamp;
            longs[count + i] = e.Sequence;
            longs[(2 * count) + i] = e.StreamId;
            longs[(3 * count) + i] = e.Ingestion;
            e.Message.Span.CopyTo(text[offset..]);
            offset += e.Message.Length;
            ends[i] = offset;
        }

        return buffer;
    }

    /// <summary>
    /// Marks in <paramref name="matched"/> every event whose message contains <paramref name="needle"/> (UTF-8 bytes;
    /// a byte match is a character match in UTF-8). A hit that runs over a message's end is no match.
    /// </summary>
    public void MarkContaining(ReadOnlySpan<byte> needle, Span<bool> matched)
    {
        var text = Text;
        var ends = Ends;
        var position = 0;
        var index = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(needle);
            if (found < 0)
            {
                return;
            }

            var hit = position + found;
            while (ends[index] <= hit)
            {
                index++;
            }

            if (hit + needle.Length <= ends[index])
            {
                matched[index] = true;
                position = ends[index];
                index++;
                if (index >= ends.Length)
                {
                    return;
                }
            }
            else
            {
                position = hit + 1;
            }
        }
    }

    private ReadOnlySpan<long> Longs(int column) => MemoryMarshal.Cast<byte, long>(_data.Slice(HeaderBytes + (column * 8 * Count), 8 * Count));
}
