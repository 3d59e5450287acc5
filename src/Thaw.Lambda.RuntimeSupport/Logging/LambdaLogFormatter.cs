using System.Globalization;
using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Context;

namespace Thaw.Lambda.RuntimeSupport.Logging;

/// <summary>
/// Writes log lines in Lambda .NET's default text format, <c>&lt;timestamp&gt;\t&lt;requestId&gt;\t&lt;level&gt;\t&lt;message&gt;</c>
/// (timestamp <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>; level labels trce/dbug/info/warn/fail/crit; no level column for
/// <see cref="LambdaLogger"/>). <c>AWS_LAMBDA_HANDLER_LOG_LEVEL</c> sets the minimum level and
/// <c>AWS_LAMBDA_HANDLER_LOG_FORMAT=Unformatted</c> drops the prefix, as in Amazon's runtime.
/// </summary>
internal sealed class LambdaLogFormatter
{
    internal const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    internal const string FormatUnformatted = "Unformatted";

    private readonly TextWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly LogLevel _minimumLevel;
    private readonly bool _unformatted;
    private readonly Lock _lock = new();

    public LambdaLogFormatter(TextWriter output, TimeProvider timeProvider, LambdaEnvironment environment)
    {
        _output = output;
        _timeProvider = timeProvider;
        var level = environment[LambdaEnvironment.VariableHandlerLogLevel] ?? environment[LambdaEnvironment.VariableLogLevel];
        _minimumLevel = Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Information;
        _unformatted = string.Equals(environment[LambdaEnvironment.VariableHandlerLogFormat], FormatUnformatted, StringComparison.OrdinalIgnoreCase);
    }

    public string CurrentAwsRequestId { get; set; } = string.Empty;

    /// <summary>Writes one formatted line; <paramref name="level"/> null means no level column.</summary>
    public void WriteLine(string? level, string? message)
    {
        var label = level;
        if (level is not null && Enum.TryParse<LogLevel>(level, true, out var parsed))
        {
            if (parsed < _minimumLevel)
            {
                return;
            }

            label = Label(parsed);
        }

        lock (_lock)
        {
            if (_unformatted)
            {
                _output.WriteLine(message ?? string.Empty);
                return;
            }

            var timestamp = _timeProvider.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
            _output.WriteLine(string.IsNullOrEmpty(label)
                ? $"{timestamp}\t{CurrentAwsRequestId}\t{message}"
                : $"{timestamp}\t{CurrentAwsRequestId}\t{label}\t{message}");
        }
    }

    /// <summary>Writes text as it is (Console.Write without a line end), as Amazon's wrapper does.</summary>
    public void WriteRaw(string? text)
    {
        lock (_lock)
        {
            _output.Write(text);
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            _output.Flush();
        }
    }

    // The labels of Microsoft.Extensions.Logging's console provider, which Amazon's formatter reuses.
    public static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
