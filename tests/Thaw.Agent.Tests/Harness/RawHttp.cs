using System.Net.Sockets;
using System.Text;

namespace Thaw.Agent.Tests.Harness;

/// <summary>A raw TCP client for requests HttpClient will not send (malformed, pipelined, chunked with trailers).</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _pending = new();

    private RawHttp(Socket socket) => _socket = socket;

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        return new RawHttp(socket);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes, SocketFlags.None);

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response (Content-Length framed). Null if the server closed the connection first.</summary>
    public async Task<RawResponse?> ReadResponseAsync()
    {
        using var timeout = new CancellationTokenSource(AgentProcess.Timeout);
        while (true)
        {
            var data = _pending.ToArray();
            var headEnd = IndexOf(data, "\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                var head = Encoding.UTF8.GetString(data, 0, headEnd);
                var lines = head.Split("\r\n");
                var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
                var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
                if (status == 100)
                {
                    Consume(headEnd + 4);
                    continue;
                }

                if (data.Length >= headEnd + 4 + length)
                {
                    var body = data.AsSpan(headEnd + 4, length).ToArray();
                    Consume(headEnd + 4 + length);
                    return new RawResponse(status, lines[0], headers, body);
                }
            }

            var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return null;
            }

            _pending.Write(_buffer, 0, read);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes as text (for interim responses).</summary>
    public async Task<string> ReadRawAsync(int count)
    {
        using var timeout = new CancellationTokenSource(AgentProcess.Timeout);
        while (_pending.Length < count)
        {
            var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            _pending.Write(_buffer, 0, read);
        }

        var data = _pending.ToArray();
        var take = Math.Min(count, data.Length);
        Consume(take);
        return Encoding.UTF8.GetString(data, 0, take);
    }

    /// <summary>True once the server has closed the connection (reads until end of stream).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(AgentProcess.Timeout);
        while (true)
        {
            var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return true;
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _pending.Dispose();
    }

    private void Consume(int count)
    {
        var rest = _pending.ToArray().AsSpan(count).ToArray();
        _pending.SetLength(0);
        _pending.Write(rest);
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> needle) => data.AsSpan().IndexOf(needle);
}
