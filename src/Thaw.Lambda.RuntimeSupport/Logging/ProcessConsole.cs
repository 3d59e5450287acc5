using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Context;

namespace Thaw.Lambda.RuntimeSupport.Logging;

/// <summary>Routes this process's Console.Out, Console.Error and <see cref="LambdaLogger"/> through one formatter, once.</summary>
internal static class ProcessConsole
{
    private static readonly Lock Lock = new();
    private static LambdaLogFormatter? _formatter;

    public static LambdaLogFormatter Install()
    {
        lock (Lock)
        {
            if (_formatter is not null)
            {
                return _formatter;
            }

            // Both streams go to stdout: the host reads one ordered stream, and the level column tells them apart.
            var formatter = new LambdaLogFormatter(Console.Out, TimeProvider.System, LambdaEnvironment.System);
            Console.SetOut(new FormattingTextWriter(formatter, nameof(LogLevel.Information)));
            Console.SetError(new FormattingTextWriter(formatter, nameof(LogLevel.Error)));
            LambdaLogger.Redirect(message => formatter.WriteLine(null, message));
            _formatter = formatter;
            return formatter;
        }
    }
}
