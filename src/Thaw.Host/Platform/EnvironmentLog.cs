using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Thaw.Host.Platform;

/// <summary>
/// The ordered log of one environment (one log stream). Function lines (from <c>Log</c> frames) and platform lines go
/// through one channel to a single writer, so the stream keeps exactly the order in which they happened; timestamps are
/// made non-decreasing within the stream. While an invocation runs, its lines are also captured for <c>X-Amz-Log-Result</c>.
/// </summary>
internal sealed partial class EnvironmentLog : IAsyncDisposable
{
    private const int TailBytes = 4096;

    private readonly Channel<(long, string)[]> _lines = Channel.CreateUnbounded<(long, string)[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(long, string)> _held = [];
    private readonly ILogSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private readonly Lock _gate = new();
    private long _lastTimestamp;
    // Captures from the start, so that a cold start's tail holds its INIT/RESTORE lines as Lambda's does.
    private StringBuilder? _capture = new();

    public EnvironmentLog(ILogSink sink, string group, string stream, TimeProvider time, ILogger logger)
    {
        _sink = sink;
        Group = group;
        Stream = stream;
        _time = time;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Group { get; }

    public string Stream { get; }

    /// <summary>Appends a line the function wrote, at the time the agent saw it.</summary>
    public void Function(long timestampMs, string line) => Add(timestampMs, line);

    /// <summary>Appends a platform line, now.</summary>
    public void Platform(string line) => Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), line);

    /// <summary>
    /// Appends a platform line, now, without waking the writer: it goes to the store with the next line that does
    /// (or at dispose). A warm invoke's START and END then travel with its REPORT: one append instead of three.
    /// </summary>
    public void PlatformDeferred(string line) => Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), line, defer: true);

    /// <summary>Starts a fresh capture (a warm invocation: its tail holds only its own lines).</summary>
    public void BeginCapture()
    {
        lock (_gate)
        {
            _capture = new StringBuilder();
        }
    }

    /// <summary>Ends the capture and returns its last 4 KB (Lambda's <c>X-Amz-Log-Result</c> size), or "" if the caller does not <paramref name="want"/> it.</summary>
    public string EndCapture(bool want = true)
    {
        lock (_gate)
        {
            var text = want ? _capture?.ToString() ?? "" : "";
            _capture = null;
            var bytes = Encoding.UTF8.GetBytes(text);
            return bytes.Length <= TailBytes ? text : Encoding.UTF8.GetString(bytes, bytes.Length - TailBytes, TailBytes);
        }
    }

    private void Add(long timestampMs, string line, bool defer = false)
    {
        lock (_gate)
        {
            _lastTimestamp = Math.Max(_lastTimestamp, timestampMs);
            _capture?.Append(line).Append('\n');
            _held.Add((_lastTimestamp, line));
            if (!defer)
            {
                ReleaseHeldUnsafe();
            }
        }
    }

    /// <summary>Hands the held lines to the writer, in order, as one item (one append). Caller holds <see cref="_gate"/>.</summary>
    private void ReleaseHeldUnsafe()
    {
        if (_held.Count == 0)
        {
            return;
        }

        _lines.Writer.TryWrite(_held.Count == 1 ? [_held[0]] : [.. _held]);
        _held.Clear();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(long, string)>();
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (batch.Count < 1000 && _lines.Reader.TryRead(out var items))
            {
                batch.AddRange(items);
            }

            try
            {
                await _sink.AppendAsync(Group, Stream, batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogWriteFailed(_logger, ex, Stream);
            }

            batch.Clear();
        }
    }

    /// <summary>Flushes every line added so far to the store and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            ReleaseHeldUnsafe();
        }

        _lines.Writer.TryComplete();
        await _writer;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write log lines of stream {Stream}")]
    private static partial void LogWriteFailed(ILogger logger, Exception ex, string stream);
}
