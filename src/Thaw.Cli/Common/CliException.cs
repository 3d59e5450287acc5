namespace Thaw.Cli.Common;

/// <summary>An error to show the user as it is (no stack trace): bad input, a failed build, a failed function state.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
