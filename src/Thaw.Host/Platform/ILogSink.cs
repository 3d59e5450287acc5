namespace Thaw.Host.Platform;

/// <summary>Where environment and platform log lines go (the log store); appends are ordered per stream by the caller.</summary>
internal interface ILogSink
{
    ValueTask AppendAsync(string logGroup, string logStream, IReadOnlyList<(long TimestampMs, string Message)> events, CancellationToken cancellationToken);
}
