namespace Thaw.Host.Environments;

/// <summary>The agent's output ended: the environment is gone.</summary>
internal sealed class EnvironmentGoneException : Exception
{
    public EnvironmentGoneException()
        : base("The execution environment is gone.")
    {
    }

    public EnvironmentGoneException(string message)
        : base(message)
    {
    }

    public EnvironmentGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
