namespace Thaw.Logs;

/// <summary>One log event to append: its time (epoch milliseconds) and its text, exactly as written.</summary>
public sealed record LogEventInput(long TimestampMs, string Message);
