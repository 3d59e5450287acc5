using System.Net;
using System.Net.Sockets;
using Thaw.Agent.Http;

namespace Thaw.Agent.RuntimeApi;

/// <summary>
/// The Runtime API listener: raw sockets, one task per connection, requests of a connection answered in order.
/// Nothing a client sends can stop the server: malformed requests get 400 and their connection is closed.
/// </summary>
internal sealed class RuntimeApiServer : IDisposable
{
    private readonly Socket _listener;
    private readonly RuntimeApiHandler _handler;
    private readonly TimeProvider _time;

    private RuntimeApiServer(Socket listener, RuntimeApiHandler handler, TimeProvider time)
    {
        _listener = listener;
        _handler = handler;
        _time = time;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Binds and listens (before the runtime starts, so its first call cannot be refused).</summary>
    public static RuntimeApiServer Bind(IPEndPoint endPoint, RuntimeApiHandler handler, TimeProvider time)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(512);
            return new RuntimeApiServer(listener, handler, time);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Diagnostics.Write($"accept failed: {ex.Message}");
                continue;
            }

            client.NoDelay = true;
            _ = Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None);
        }
    }

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var connection = new HttpConnection(client, _time);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                HttpRequest? request;
                try
                {
                    request = await connection.ReadRequestAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (MalformedRequestException ex)
                {
                    Diagnostics.Write($"malformed request: {ex.Message}");
                    await connection.WriteProtocolErrorAsync(ex, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (request is null)
                {
                    return;
                }

                HttpResponse response;
                try
                {
                    response = await _handler.HandleAsync(connection, request, cancellationToken).ConfigureAwait(false);
                }
                catch (MalformedRequestException ex)
                {
                    await connection.WriteProtocolErrorAsync(ex, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // A parked invocation/next whose client went away, or the agent stopping.
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Diagnostics.Write($"{request.Method} {request.Path} failed: {ex}");
                    response = RapidResponses.InternalServerError().WithCloseConnection();
                }

                var close = response.CloseConnection || !request.KeepAlive;
                if (!close && !await connection.TryDiscardBodyAsync(cancellationToken).ConfigureAwait(false))
                {
                    close = true;
                }

                await connection.WriteResponseAsync(response, close, cancellationToken).ConfigureAwait(false);
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away mid-exchange; its state transitions stand, as in RAPID.
        }
    }
}
