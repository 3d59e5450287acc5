namespace Thaw.Host.Environments;

/// <summary>A restore failed: the after-restore hooks errored, the runtime died, or the 10 s limit passed.</summary>
internal sealed class RestoreFailedException : Exception
{
    public RestoreFailedException(bool timedOut, string errorType, string message)
        : base(message)
    {
        TimedOut = timedOut;
        ErrorType = errorType;
    }

    public RestoreFailedException()
        : this(false, "Runtime.Unknown", "Restore failed.")
    {
    }

    public RestoreFailedException(string message)
        : this(false, "Runtime.Unknown", message)
    {
    }

    public RestoreFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "Runtime.Unknown";
    }

    public bool TimedOut { get; }

    public string ErrorType { get; } = "Runtime.Unknown";
}
