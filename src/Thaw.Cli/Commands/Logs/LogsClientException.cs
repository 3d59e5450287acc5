namespace Thaw.Cli.Commands.Logs;

/// <summary>An error answered by the Logs API (<c>__type</c>, <c>message</c>, and for a bad query the offset of the fault).</summary>
internal sealed class LogsClientException(string errorType, string message, int? queryOffset) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int? QueryOffset { get; } = queryOffset;
}
