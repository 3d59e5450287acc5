using Thaw.Logs;

namespace Thaw.Host.Platform;

/// <summary>Writes environment log lines into the durable log store.</summary>
internal sealed class LogStoreSink : ILogSink
{
    private readonly LogStore _store;

    public LogStoreSink(LogStore store)
    {
        _store = store;
    }

    public ValueTask AppendAsync(string logGroup, string logStream, IReadOnlyList<(long TimestampMs, string Message)> events, CancellationToken cancellationToken) =>
        _store.AppendAsync(logGroup, logStream, events.Select(e => new LogEventInput(e.TimestampMs, e.Message)).ToList(), cancellationToken);
}
