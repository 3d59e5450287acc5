namespace Thaw.Host;

/// <summary>Entry point of the host: builds and runs the web application until cancelled.</summary>
public static class ThawServer
{
    /// <summary>Runs the host until <paramref name="cancellationToken"/> is cancelled. <paramref name="started"/> receives the bound URL.</summary>
    public static Task RunAsync(ServerOptions options, Action<Uri>? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        throw new NotImplementedException("The host is being written (issue 2).");
    }
}
