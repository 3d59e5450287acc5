using System.Buffers.Binary;
using System.Text.Json;

namespace Thaw.Agent.Protocol;

/// <summary>
/// Reads and writes frames on a byte stream (a pipe). Layout, all integers big-endian:
/// <c>u32 length-of-rest | u8 kind | u32 header-length | header (UTF-8 JSON) | body</c>.
/// </summary>
/// <remarks>
/// Length-prefixed rather than line-delimited so that event and response payloads (up to 6 MB, any bytes)
/// pass through without escaping. Not thread-safe: one reader and one writer per stream, callers serialise.
/// </remarks>
public static class FrameCodec
{
    /// <summary>Largest frame accepted: the 6 MB payload limit plus headroom for the header.</summary>
    public const int MaxFrameLength = (6 * 1024 * 1024) + (64 * 1024);

    internal const int PrefixLength = 4 + 1 + 4;

    private static readonly JsonElement EmptyHeader = JsonElement.Parse("{}"u8);

    /// <summary>Writes one frame and flushes.</summary>
    public static async ValueTask WriteAsync(Stream stream, FrameKind kind, ReadOnlyMemory<byte> headerJson, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = Encode(kind, headerJson.Span, body.Span);
        await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one frame and flushes, blocking. For writers that must not yield between frames
    /// (the agent writes log lines from a dedicated thread under a lock).
    /// </summary>
    public static void Write(Stream stream, FrameKind kind, ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = Encode(kind, headerJson, body);
        stream.Write(buffer);
        stream.Flush();
    }

    /// <summary>Encodes one frame into a new buffer (prefix, header, body).</summary>
    /// <exception cref="InvalidDataException">The frame would exceed <see cref="MaxFrameLength"/>.</exception>
    public static byte[] Encode(FrameKind kind, ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> body)
    {
        var header = headerJson.IsEmpty ? "{}"u8 : headerJson;
        var rest = 1L + 4 + header.Length + body.Length;
        if (rest > MaxFrameLength)
        {
            throw new InvalidDataException($"Frame of {rest} bytes exceeds the limit of {MaxFrameLength} bytes.");
        }

        var buffer = new byte[PrefixLength + header.Length + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, (int)rest);
        buffer[4] = (byte)kind;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(5), header.Length);
        header.CopyTo(buffer.AsSpan(PrefixLength));
        body.CopyTo(buffer.AsSpan(PrefixLength + header.Length));
        return buffer;
    }

    /// <summary>Writes one frame whose header is serialised from a dictionary of strings and numbers.</summary>
    public static ValueTask WriteAsync(Stream stream, FrameKind kind, IReadOnlyDictionary<string, object?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        WriteAsync(stream, kind, SerializeHeader(header), body, cancellationToken);

    /// <summary>Reads one frame, or returns null at a clean end of stream.</summary>
    /// <exception cref="InvalidDataException">The stream ended inside a frame or the frame is malformed.</exception>
    public static async ValueTask<Frame?> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[PrefixLength];
        var got = await stream.ReadAtLeastAsync(prefix, PrefixLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (PayloadFor(prefix, got) is not { } payload)
        {
            return null;
        }

        try
        {
            await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The control stream ended inside a frame.", ex);
        }

        return ToFrame(prefix, payload);
    }

    /// <summary>
    /// Reads one frame, blocking; null at a clean end of stream. For a reader on a dedicated thread: an async read
    /// of a pipe is a blocking read on a thread-pool thread anyway, plus a hand-over per read.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream ended inside a frame or the frame is malformed.</exception>
    public static Frame? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[PrefixLength];
        var got = stream.ReadAtLeast(prefix, PrefixLength, throwOnEndOfStream: false);
        if (PayloadFor(prefix, got) is not { } payload)
        {
            return null;
        }

        try
        {
            stream.ReadExactly(payload);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The control stream ended inside a frame.", ex);
        }

        return ToFrame(prefix, payload);
    }

    /// <summary>Validates a prefix of <paramref name="got"/> bytes; the buffer for the rest of the frame, or null at end of stream.</summary>
    private static byte[]? PayloadFor(byte[] prefix, int got)
    {
        if (got == 0)
        {
            return null;
        }

        if (got < PrefixLength)
        {
            throw new InvalidDataException("The control stream ended inside a frame prefix.");
        }

        var rest = BinaryPrimitives.ReadInt32BigEndian(prefix);
        var headerLength = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(5));
        if (rest < 5 || rest > MaxFrameLength || headerLength < 0 || headerLength > rest - 5)
        {
            throw new InvalidDataException($"Malformed frame: length {rest}, header length {headerLength}.");
        }

        return new byte[rest - 5];
    }

    private static Frame ToFrame(byte[] prefix, byte[] payload)
    {
        var headerLength = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(5));
        return new Frame((FrameKind)prefix[4], ParseHeader(payload.AsMemory(0, headerLength)), payload.AsMemory(headerLength));
    }

    private static JsonElement ParseHeader(ReadOnlyMemory<byte> headerJson)
    {
        if (headerJson.IsEmpty)
        {
            return EmptyHeader;
        }

        JsonElement header;
        try
        {
            // Clone so that the pooled document can be returned; headers are small.
            using var document = JsonDocument.Parse(headerJson);
            header = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("Malformed frame: the header is not valid JSON.", ex);
        }

        return header.ValueKind == JsonValueKind.Object
            ? header
            : throw new InvalidDataException($"Malformed frame: the header is a JSON {header.ValueKind}, not an object.");
    }

    /// <summary>Serialises a flat header object without reflection (the agent is trimmed/AOT-compiled).</summary>
    public static byte[] SerializeHeader(IReadOnlyDictionary<string, object?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var (key, value) in header)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        w.WriteString(key, s);
                        break;
                    case int i:
                        w.WriteNumber(key, i);
                        break;
                    case long l:
                        w.WriteNumber(key, l);
                        break;
                    case double d:
                        w.WriteNumber(key, d);
                        break;
                    case bool b:
                        w.WriteBoolean(key, b);
                        break;
                    default:
                        throw new ArgumentException($"Header field '{key}' has unsupported type {value.GetType().Name}.", nameof(header));
                }
            }

            w.WriteEndObject();
        }

        return ms.ToArray();
    }
}
