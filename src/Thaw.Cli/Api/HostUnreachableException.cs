namespace Thaw.Cli.Api;

/// <summary>Nothing (or not a Thaw host) answers at the endpoint.</summary>
internal sealed class HostUnreachableException : Exception
{
    public HostUnreachableException()
    {
    }

    public HostUnreachableException(string message)
        : base(message)
    {
    }

    public HostUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HostUnreachableException(Uri endpoint, Exception innerException)
        : base($"No Thaw host answers at {endpoint}: {innerException.Message}", innerException)
    {
        Endpoint = endpoint;
    }

    public Uri? Endpoint { get; }
}
