namespace Thaw.Lambda.Core;

/// <summary>
/// Static logger for code that has no <see cref="ILambdaContext"/>. Under the Thaw runtime a message gets the
/// timestamp and request id prefix, without a level (as with Amazon.Lambda.Core); elsewhere it goes to the console.
/// </summary>
public static class LambdaLogger
{
    private static Action<string> _loggingAction = message => Console.Write(message);

    /// <summary>Logs a message.</summary>
    public static void Log(string message) => _loggingAction(message);

    // The runtime installs its formatter here; the SDK assembly is shared with it, so every caller sees it.
    internal static void Redirect(Action<string> loggingAction) => _loggingAction = loggingAction;
}
