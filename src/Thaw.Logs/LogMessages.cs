using Microsoft.Extensions.Logging;

namespace Thaw.Logs;

internal static partial class LogMessages
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Query {QueryId} finished as {Status} in {ElapsedMs} ms ({Rows} rows, {Scanned} records scanned)")]
    public static partial void QueryFinished(ILogger logger, string queryId, string status, long elapsedMs, int rows, long scanned);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Query {QueryId} failed")]
    public static partial void QueryFailed(ILogger logger, string queryId, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Logs API operation {Operation} failed")]
    public static partial void OperationFailed(ILogger logger, string operation, Exception exception);
}
