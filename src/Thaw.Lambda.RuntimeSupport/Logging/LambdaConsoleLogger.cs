using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Logging;

/// <summary>The <see cref="ILambdaContext.Logger"/>: each call is one formatted line (Log and LogLine at Information).</summary>
internal sealed class LambdaConsoleLogger : ILambdaLogger
{
    private readonly LambdaLogFormatter _formatter;

    public LambdaConsoleLogger(LambdaLogFormatter formatter) => _formatter = formatter;

    public void Log(string message) => _formatter.WriteLine(nameof(LogLevel.Information), message);

    public void LogLine(string message) => _formatter.WriteLine(nameof(LogLevel.Information), message);

    public void Log(string level, string message) => _formatter.WriteLine(level, message);
}
