using System.Buffers.Binary;
using System.Text;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.Tests.Protocol;

public sealed class FrameCodecTests
{
    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsKindHeaderAndBody()
    {
        using var stream = new MemoryStream();
        var body = new byte[70_000];
        Random.Shared.NextBytes(body);
        await FrameCodec.WriteAsync(stream, FrameKind.Invoke, new Dictionary<string, object?> { ["requestId"] = "r", ["deadlineMs"] = 17L, ["none"] = null, ["flag"] = true }, body, TestContext.Current.CancellationToken);
        await FrameCodec.WriteAsync(stream, FrameKind.Shutdown, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        FrameCodec.Write(stream, FrameKind.Log, "{\"ts\":1}"u8, "line"u8);
        stream.Position = 0;

        var invoke = await FrameCodec.ReadAsync(stream, TestContext.Current.CancellationToken);
        Assert.NotNull(invoke);
        Assert.Equal(FrameKind.Invoke, invoke.Kind);
        Assert.Equal("r", invoke.GetString("requestId"));
        Assert.Equal(17, invoke.GetInt64("deadlineMs"));
        Assert.Null(invoke.GetString("none"));
        Assert.Equal(body, invoke.Body.ToArray());

        var shutdown = await FrameCodec.ReadAsync(stream, TestContext.Current.CancellationToken);
        Assert.Equal(FrameKind.Shutdown, shutdown!.Kind);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, shutdown.Header.ValueKind);
        Assert.True(shutdown.Body.IsEmpty);

        var log = await FrameCodec.ReadAsync(stream, TestContext.Current.CancellationToken);
        Assert.Equal(1, log!.GetInt64("ts"));
        Assert.Equal("line", Encoding.UTF8.GetString(log.Body.Span));

        Assert.Null(await FrameCodec.ReadAsync(stream, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Encode_HasTheDocumentedLayout()
    {
        var bytes = FrameCodec.Encode(FrameKind.Response, "{}"u8, "ab"u8);
        Assert.Equal(1 + 4 + 2 + 2, BinaryPrimitives.ReadInt32BigEndian(bytes));
        Assert.Equal(0x87, bytes[4]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5)));
        Assert.Equal("{}ab", Encoding.ASCII.GetString(bytes, 9, 4));
    }

    [Fact]
    public void Encode_RefusesFramesOverTheLimit() =>
        Assert.Throws<InvalidDataException>(() => FrameCodec.Encode(FrameKind.Response, [], new byte[FrameCodec.MaxFrameLength]));

    [Fact]
    public void GetInt64_OfANonInteger_IsNull()
    {
        var frame = new Frame(FrameKind.Invoke, System.Text.Json.JsonElement.Parse("{\"a\":1.5,\"b\":\"7\"}"), ReadOnlyMemory<byte>.Empty);
        Assert.Null(frame.GetInt64("a"));
        Assert.Null(frame.GetInt64("b"));
    }

    public static TheoryData<byte[]> MalformedFrames => new()
    {
        // Stream ends inside the prefix.
        new byte[] { 0, 0, 0 },
        // rest shorter than kind + header length.
        Frame(rest: 4, kind: 1, headerLength: 0, payload: []),
        // header length beyond the frame.
        Frame(rest: 7, kind: 1, headerLength: 3, payload: [(byte)'{', (byte)'}']),
        // negative header length.
        Frame(rest: 5, kind: 1, headerLength: -1, payload: []),
        // rest over the limit (and negative when read as int32).
        Frame(rest: FrameCodec.MaxFrameLength + 1, kind: 1, headerLength: 0, payload: []),
        Frame(rest: unchecked((int)0x80000010), kind: 1, headerLength: 0, payload: []),
        // stream ends inside the payload.
        Frame(rest: 100, kind: 1, headerLength: 2, payload: [(byte)'{', (byte)'}']),
        // header is not JSON / not an object / has trailing bytes.
        Frame(rest: 5 + 3, kind: 1, headerLength: 3, payload: [(byte)'{', (byte)'x', (byte)'}']),
        Frame(rest: 5 + 2, kind: 1, headerLength: 2, payload: [(byte)'[', (byte)']']),
        Frame(rest: 5 + 4, kind: 1, headerLength: 4, payload: [(byte)'{', (byte)'}', (byte)'{', (byte)'}']),
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public async Task ReadAsync_OfAMalformedFrame_ThrowsInvalidDataException(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        await Assert.ThrowsAsync<InvalidDataException>(async () => await FrameCodec.ReadAsync(stream, TestContext.Current.CancellationToken));
    }

    private static byte[] Frame(int rest, byte kind, int headerLength, byte[] payload)
    {
        var bytes = new byte[9 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, rest);
        bytes[4] = kind;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(5), headerLength);
        payload.CopyTo(bytes, 9);
        return bytes;
    }
}
