using System.Net.Sockets;
using System.Text;

namespace Thaw.Agent.Http;

/// <summary>
/// One HTTP/1.1 server connection on a raw socket: a strict request parser (request line, header fields,
/// Content-Length or chunked bodies with trailers), 100-continue, keep-alive and pipelining. One request at a time.
/// </summary>
/// <remarks>
/// Limits follow Go's net/http, which RAPID runs on: 1 MiB of header section (431 beyond), 256 KiB of an unread
/// body discarded before the connection is reused (closed beyond). No read timeouts: a runtime may legitimately
/// wait in <c>invocation/next</c> for hours, and a timer must not fire across a snapshot.
/// </remarks>
internal sealed class HttpConnection : IDisposable
{
    public const int MaxHeaderBytes = 1 << 20;
    public const int DiscardLimit = 256 * 1024;

    internal const int InitialBufferSize = 16 * 1024;
    internal const int MaxBufferSize = MaxHeaderBytes + 4096;
    internal const int MaxChunkLineBytes = 4096;

    private static readonly byte[] ContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private HttpRequest? _request;
    private bool _bodyConsumed = true;
    private bool _continueSent;

    public HttpConnection(Socket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
    }

    /// <summary>Whether the current request's body was read (or it has none).</summary>
    public bool BodyConsumed => _bodyConsumed;

    /// <summary>
    /// Reads the next request's line and header section. Returns null when the client closed the connection
    /// (cleanly, or in the middle of a header section, which Go's server also drops silently).
    /// </summary>
    /// <exception cref="MalformedRequestException">The request is malformed; answer and close.</exception>
    public async ValueTask<HttpRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        _request = null;
        _bodyConsumed = true;
        _continueSent = false;
        var lines = new List<(int Start, int Length)>();
        var scan = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scan, _end - _start - scan);
            if (newline < 0)
            {
                if (_end - _start > MaxHeaderBytes)
                {
                    throw new MalformedRequestException(HttpStatus.RequestHeaderFieldsTooLarge, "request header section too large");
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            var lineStart = scan;
            var lineLength = newline - _start - lineStart;
            if (lineLength > 0 && _buffer[newline - 1] == (byte)'\r')
            {
                lineLength--;
            }

            scan = newline - _start + 1;
            if (scan > MaxHeaderBytes)
            {
                throw new MalformedRequestException(HttpStatus.RequestHeaderFieldsTooLarge, "request header section too large");
            }

            if (lineLength == 0)
            {
                if (lines.Count == 0)
                {
                    // RFC 9112 2.2: ignore empty lines before the request line.
                    _start += scan;
                    scan = 0;
                    continue;
                }

                break;
            }

            lines.Add((lineStart, lineLength));
        }

        var request = Parse(lines);
        _start += scan;
        _request = request;
        _bodyConsumed = !request.HasBody;
        return request;
    }

    /// <summary>
    /// Reads the whole body of the current request, keeping at most <paramref name="storeLimit"/> bytes.
    /// Sends <c>100 Continue</c> first when the client waits for it.
    /// </summary>
    /// <exception cref="HttpBodyTruncatedException">The connection ended inside the body.</exception>
    /// <exception cref="MalformedRequestException">The chunked framing is malformed.</exception>
    public ValueTask<HttpBody> ReadBodyAsync(int storeLimit, CancellationToken cancellationToken) =>
        ReadBodyAsync(storeLimit, long.MaxValue, cancellationToken);

    /// <summary>
    /// Reads and drops an unread body, as Go does before reusing a connection. Returns false when the connection
    /// cannot be reused (body too long, client still waiting for 100-continue, framing broken).
    /// </summary>
    public async ValueTask<bool> TryDiscardBodyAsync(CancellationToken cancellationToken)
    {
        if (_bodyConsumed)
        {
            return true;
        }

        if (_request is { ExpectsContinue: true } && !_continueSent)
        {
            return false;
        }

        try
        {
            var body = await ReadBodyAsync(0, DiscardLimit, cancellationToken).ConfigureAwait(false);
            return _bodyConsumed && body.Length <= DiscardLimit;
        }
        catch (HttpBodyTruncatedException)
        {
            return false;
        }
        catch (MalformedRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the client has closed its side while no further request is buffered: a parked
    /// <c>invocation/next</c> must not receive an event that nobody will read.
    /// </summary>
    public bool IsPeerClosed()
    {
        if (_start < _end)
        {
            return false;
        }

        try
        {
            return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Writes a response in the shape Go's server gives it: sorted fields, then Connection, Date, Content-Length.</summary>
    public async ValueTask WriteResponseAsync(HttpResponse response, bool closeConnection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(HttpStatus.ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            head.Append(name).Append(": ").Append(SanitizeValue(value)).Append("\r\n");
        }

        if (closeConnection)
        {
            head.Append("Connection: close\r\n");
        }
        else if (_request is { MinorVersion: 0 })
        {
            head.Append("Connection: keep-alive\r\n");
        }

        head.Append("Date: ").Append(_time.GetUtcNow().ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        if (response.Body.Length <= 64 * 1024)
        {
            var all = new byte[headBytes.Length + response.Body.Length];
            headBytes.CopyTo(all, 0);
            response.Body.Span.CopyTo(all.AsSpan(headBytes.Length));
            await _socket.SendAsync(all, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _socket.SendAsync(headBytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            await _socket.SendAsync(response.Body, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Answers a request that could not be parsed, as Go's server does, and leaves the connection to be closed.</summary>
    public async ValueTask WriteProtocolErrorAsync(MalformedRequestException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = $"{error.StatusCode} {HttpStatus.ReasonPhrase(error.StatusCode)}: {error.Message}";
        var response = new HttpResponse(
            error.StatusCode,
            Encoding.UTF8.GetBytes(text),
            [new("Content-Type", "text/plain; charset=utf-8")]);
        await WriteResponseAsync(response, closeConnection: true, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask<HttpBody> ReadBodyAsync(int storeLimit, long stopAfter, CancellationToken cancellationToken)
    {
        var request = _request ?? throw new InvalidOperationException("No current request.");
        if (_bodyConsumed)
        {
            return new HttpBody(ReadOnlyMemory<byte>.Empty, 0, HttpHeaderCollection.Empty);
        }

        if (request.ExpectsContinue && !_continueSent)
        {
            _continueSent = true;
            await _socket.SendAsync(ContinueResponse, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        var sink = new BodySink(storeLimit);
        var trailers = HttpHeaderCollection.Empty;
        if (request.IsChunked)
        {
            while (true)
            {
                var sizeLine = await ReadLineAsync(MaxChunkLineBytes, cancellationToken).ConfigureAwait(false);
                var size = ParseChunkSize(sizeLine);
                if (size == 0)
                {
                    break;
                }

                if (!await CopyAsync(size, sink, stopAfter, cancellationToken).ConfigureAwait(false))
                {
                    return sink.ToBody(trailers);
                }

                var end = await ReadLineAsync(MaxChunkLineBytes, cancellationToken).ConfigureAwait(false);
                if (end.Length != 0)
                {
                    throw new MalformedRequestException("malformed chunked encoding");
                }
            }

            trailers = await ReadTrailersAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (!await CopyAsync(request.ContentLength ?? 0, sink, stopAfter, cancellationToken).ConfigureAwait(false))
        {
            return sink.ToBody(trailers);
        }

        _bodyConsumed = true;
        return sink.ToBody(trailers);
    }

    /// <summary>Moves <paramref name="count"/> body bytes into the sink; false if it stopped at <paramref name="stopAfter"/>.</summary>
    private async ValueTask<bool> CopyAsync(long count, BodySink sink, long stopAfter, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new HttpBodyTruncatedException();
            }

            var take = (int)Math.Min(count, _end - _start);
            sink.Append(_buffer.AsSpan(_start, take));
            _start += take;
            count -= take;
            if (sink.Length > stopAfter)
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<HttpHeaderCollection> ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var trailers = new HttpHeaderCollection();
        var total = 0;
        while (true)
        {
            var line = await ReadLineAsync(MaxHeaderBytes, cancellationToken).ConfigureAwait(false);
            if (line.Length == 0)
            {
                return trailers;
            }

            total += line.Length;
            if (total > MaxHeaderBytes)
            {
                throw new MalformedRequestException("trailer section too large");
            }

            var (name, value) = ParseField(line);
            trailers.Add(name, value);
        }
    }

    /// <summary>Reads one line (without CR LF) of the body framing.</summary>
    private async ValueTask<byte[]> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var scan = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scan, _end - _start - scan);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == (byte)'\r')
                {
                    length--;
                }

                var line = _buffer.AsSpan(_start, length).ToArray();
                _start = newline + 1;
                return line;
            }

            scan = _end - _start;
            if (scan > maxLength)
            {
                throw new MalformedRequestException("chunked encoding line too long");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new HttpBodyTruncatedException();
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfStream)
        {
            return false;
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length && _start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxBufferSize)
            {
                throw new MalformedRequestException(HttpStatus.RequestHeaderFieldsTooLarge, "request header section too large");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxBufferSize));
        }

        int received;
        try
        {
            received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            received = 0;
        }

        if (received == 0)
        {
            _endOfStream = true;
            return false;
        }

        _end += received;
        return true;
    }

    private HttpRequest Parse(List<(int Start, int Length)> lines)
    {
        var requestLine = _buffer.AsSpan(_start + lines[0].Start, lines[0].Length);
        var firstSpace = requestLine.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            throw new MalformedRequestException("malformed request line");
        }

        var rest = requestLine[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace <= 0)
        {
            throw new MalformedRequestException("malformed request line");
        }

        var methodBytes = requestLine[..firstSpace];
        var targetBytes = rest[..secondSpace];
        var versionBytes = rest[(secondSpace + 1)..];
        if (!HttpSyntax.IsToken(methodBytes))
        {
            throw new MalformedRequestException("invalid method");
        }

        var minorVersion = ParseVersion(versionBytes);
        var target = ParseTarget(targetBytes, out var path);

        var headers = new HttpHeaderCollection();
        for (var i = 1; i < lines.Count; i++)
        {
            var (name, value) = ParseField(_buffer.AsSpan(_start + lines[i].Start, lines[i].Length));
            headers.Add(name, value);
        }

        var hosts = headers.GetAll("Host").Count();
        if (minorVersion == 1 && hosts == 0)
        {
            throw new MalformedRequestException("missing required Host header");
        }

        if (hosts > 1)
        {
            throw new MalformedRequestException("too many Host headers");
        }

        var isChunked = false;
        var transferCodings = headers.GetAll("Transfer-Encoding").SelectMany(v => v.Split(',')).Select(t => t.Trim()).ToList();
        if (transferCodings.Count > 0)
        {
            if (transferCodings.Count != 1 || !string.Equals(transferCodings[0], "chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new MalformedRequestException(HttpStatus.NotImplemented, "unsupported transfer encoding");
            }

            isChunked = true;
        }

        long? contentLength = null;
        foreach (var value in headers.GetAll("Content-Length"))
        {
            if (isChunked)
            {
                throw new MalformedRequestException("both Transfer-Encoding and Content-Length");
            }

            if (value.Length == 0 || value.Length > 18 || !value.All(char.IsAsciiDigit))
            {
                throw new MalformedRequestException("bad Content-Length");
            }

            var parsed = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            if (contentLength is { } earlier && earlier != parsed)
            {
                throw new MalformedRequestException("conflicting Content-Length");
            }

            contentLength = parsed;
        }

        var expect = headers.Get("Expect");
        var expectsContinue = false;
        if (expect is not null)
        {
            if (!string.Equals(expect, "100-continue", StringComparison.OrdinalIgnoreCase))
            {
                throw new MalformedRequestException(HttpStatus.ExpectationFailed, "unsupported Expect");
            }

            expectsContinue = minorVersion == 1;
        }

        var keepAlive = minorVersion == 1
            ? !headers.HasToken("Connection", "close")
            : headers.HasToken("Connection", "keep-alive");

        return new HttpRequest
        {
            Method = Encoding.ASCII.GetString(methodBytes),
            Target = target,
            Path = path,
            MinorVersion = minorVersion,
            Headers = headers,
            ContentLength = contentLength,
            IsChunked = isChunked,
            ExpectsContinue = expectsContinue,
            KeepAlive = keepAlive,
        };
    }

    private static int ParseVersion(ReadOnlySpan<byte> version)
    {
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            return 1;
        }

        if (version.SequenceEqual("HTTP/1.0"u8))
        {
            return 0;
        }

        if (version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5])
            && version[6] == (byte)'.' && char.IsAsciiDigit((char)version[7]))
        {
            throw new MalformedRequestException(HttpStatus.HttpVersionNotSupported, "unsupported protocol version");
        }

        throw new MalformedRequestException("malformed HTTP version");
    }

    private static string ParseTarget(ReadOnlySpan<byte> target, out string path)
    {
        foreach (var b in target)
        {
            if (b <= 0x20 || b >= 0x7F || b == (byte)'#')
            {
                throw new MalformedRequestException("invalid request target");
            }
        }

        var text = Encoding.ASCII.GetString(target);
        var pathPart = text;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            // absolute-form: the path starts at the first slash after the authority.
            var slash = text.IndexOf('/', "http://".Length);
            pathPart = slash < 0 ? "/" : text[slash..];
        }
        else if (!text.StartsWith('/'))
        {
            throw new MalformedRequestException("invalid request target");
        }

        var query = pathPart.IndexOf('?', StringComparison.Ordinal);
        path = query < 0 ? pathPart : pathPart[..query];
        return text;
    }

    private static (string Name, string Value) ParseField(ReadOnlySpan<byte> line)
    {
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            throw new MalformedRequestException("obsolete line folding");
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || !HttpSyntax.IsToken(line[..colon]))
        {
            throw new MalformedRequestException("invalid header field name");
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        foreach (var b in value)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                throw new MalformedRequestException("invalid header field value");
            }
        }

        return (Encoding.ASCII.GetString(line[..colon]), Encoding.UTF8.GetString(value));
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        var digits = (semicolon < 0 ? line : line[..semicolon]).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > 15)
        {
            throw new MalformedRequestException("malformed chunk size");
        }

        long size = 0;
        foreach (var b in digits)
        {
            var value = HexValue(b);
            if (value < 0)
            {
                throw new MalformedRequestException("malformed chunk size");
            }

            size = (size << 4) | (long)value;
        }

        return size;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static string SanitizeValue(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>Keeps the first bytes of a body up to a limit and counts all of them.</summary>
    private sealed class BodySink
    {
        private readonly int _limit;
        private byte[] _data = [];
        private int _count;

        public BodySink(int limit) => _limit = limit;

        public long Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Length += bytes.Length;
            var keep = Math.Min(bytes.Length, _limit - _count);
            if (keep <= 0)
            {
                return;
            }

            if (_count + keep > _data.Length)
            {
                Array.Resize(ref _data, Math.Min(_limit, Math.Max(_count + keep, Math.Max(4096, _data.Length * 2))));
            }

            bytes[..keep].CopyTo(_data.AsSpan(_count));
            _count += keep;
        }

        public HttpBody ToBody(HttpHeaderCollection trailers) => new(_data.AsMemory(0, _count), Length, trailers);
    }
}
