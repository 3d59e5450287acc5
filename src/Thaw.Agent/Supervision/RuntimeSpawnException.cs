namespace Thaw.Agent.Supervision;

/// <summary>The runtime command could not be started; <see cref="ErrorNumber"/> is the errno.</summary>
internal sealed class RuntimeSpawnException : Exception
{
    public RuntimeSpawnException()
    {
    }

    public RuntimeSpawnException(string message)
        : base(message)
    {
    }

    public RuntimeSpawnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeSpawnException(int errorNumber, string message)
        : base(message)
    {
        ErrorNumber = errorNumber;
    }

    public int ErrorNumber { get; }

    /// <summary>The exit status a shell reports for the same failure: 127 not found, 126 not executable.</summary>
    public int ShellExitCode => ErrorNumber == Native.Libc.ENOENT ? 127 : 126;
}
