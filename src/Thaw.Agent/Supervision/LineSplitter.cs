namespace Thaw.Agent.Supervision;

/// <summary>
/// Cuts the runtime's output byte stream into lines (without their <c>\n</c>). A line longer than
/// <see cref="MaxLineBytes"/> is emitted in pieces, each cut on a UTF-8 character boundary.
/// </summary>
internal sealed class LineSplitter
{
    /// <summary>256 KB, Lambda's own cap on one log event.</summary>
    public const int MaxLineBytes = 256 * 1024;

    private readonly int _maxLineBytes;
    private readonly byte[] _pending;
    private int _pendingLength;

    public LineSplitter(int maxLineBytes = MaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 4);
        _maxLineBytes = maxLineBytes;
        _pending = new byte[maxLineBytes];
    }

    /// <summary>True when a partial line (no newline yet) is buffered.</summary>
    public bool HasPartialLine => _pendingLength > 0;

    /// <summary>Feeds bytes; calls <paramref name="emit"/> for every complete (or over-long) line.</summary>
    public void Push(ReadOnlySpan<byte> data, LineHandler emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var segment = newline < 0 ? data : data[..newline];
            Append(segment, emit);
            if (newline < 0)
            {
                return;
            }

            emit(_pending.AsSpan(0, _pendingLength));
            _pendingLength = 0;
            data = data[(newline + 1)..];
        }
    }

    /// <summary>Emits the buffered partial line, if any, as a line of its own.</summary>
    public void Flush(LineHandler emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (_pendingLength > 0)
        {
            emit(_pending.AsSpan(0, _pendingLength));
            _pendingLength = 0;
        }
    }

    private void Append(ReadOnlySpan<byte> segment, LineHandler emit)
    {
        while (!segment.IsEmpty)
        {
            // A full buffer is cut only once more bytes of the same line arrive, so that a line of exactly
            // the maximum length followed by its newline stays one line.
            if (_pendingLength == _maxLineBytes)
            {
                EmitFullPiece(emit);
            }

            var take = Math.Min(_maxLineBytes - _pendingLength, segment.Length);
            segment[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            segment = segment[take..];
        }
    }

    private void EmitFullPiece(LineHandler emit)
    {
        var cut = Utf8Boundary(_pending.AsSpan(0, _pendingLength));
        emit(_pending.AsSpan(0, cut));
        var rest = _pendingLength - cut;
        _pending.AsSpan(cut, rest).CopyTo(_pending);
        _pendingLength = rest;
    }

    /// <summary>Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence.</summary>
    private static int Utf8Boundary(ReadOnlySpan<byte> bytes)
    {
        // Step back over at most three continuation bytes to the lead byte of the last sequence.
        var i = bytes.Length;
        var back = 0;
        while (back < 3 && i - back - 1 >= 0 && (bytes[i - back - 1] & 0xC0) == 0x80)
        {
            back++;
        }

        var leadIndex = i - back - 1;
        if (leadIndex < 0)
        {
            return bytes.Length;
        }

        var lead = bytes[leadIndex];
        var sequenceLength = lead switch
        {
            < 0x80 => 1,
            >= 0xF0 and < 0xF8 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };

        // The last sequence is complete: cut after it. Otherwise cut before its lead byte (never at zero).
        return back + 1 >= sequenceLength || leadIndex == 0 ? bytes.Length : leadIndex;
    }
}
