using System.Net;
using System.Net.Sockets;

namespace Thaw.Cli.Tests.Support;

/// <summary>A loopback port that nothing listens on (bound, read, released).</summary>
internal static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
