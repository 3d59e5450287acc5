namespace Thaw.Sandbox;

/// <summary>CRIU could not dump or restore an environment; <see cref="LogTail"/> holds the end of its log.</summary>
public sealed class CriuFailedException : Exception
{
    public CriuFailedException()
    {
    }

    public CriuFailedException(string message)
        : base(message)
    {
    }

    public CriuFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CriuFailedException(string message, string logTail)
        : base($"{message}\n{logTail}")
    {
        LogTail = logTail;
    }

    /// <summary>The last lines of CRIU's log (the lines that say why), or null.</summary>
    public string? LogTail { get; }
}
