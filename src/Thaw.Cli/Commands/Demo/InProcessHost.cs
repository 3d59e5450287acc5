using Thaw.Cli.Common;
using Thaw.Host;

namespace Thaw.Cli.Commands.Demo;

/// <summary>
/// A host run inside this process on a free loopback port with a throw-away state directory, for when the demo finds
/// no host to talk to. Disposing stops it (its environments with it) and deletes the state.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;
    private readonly DirectoryInfo _state;

    private InProcessHost(Uri endpoint, CancellationTokenSource stop, Task run, DirectoryInfo state)
    {
        Endpoint = endpoint;
        _stop = stop;
        _run = run;
        _state = state;
    }

    public Uri Endpoint { get; }

    public string StateDirectory => _state.FullName;

    public static async Task<InProcessHost> StartAsync(CliContext context, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = Directory.CreateTempSubdirectory("thaw-demo-");
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ServerOptions { Port = 0, ListenAddress = "127.0.0.1", StateDirectory = state.FullName };
        var run = Task.Run(() => context.RunServer(options, uri => started.TrySetResult(uri), stop.Token), CancellationToken.None);
        using var deadline = new CancellationTokenSource(startTimeout, context.Time);
        var timedOut = Task.Delay(Timeout.InfiniteTimeSpan, deadline.Token);
        var first = await Task.WhenAny(started.Task, run, timedOut);
        if (first == started.Task)
        {
            return new InProcessHost(await started.Task, stop, run, state);
        }

        await stop.CancelAsync();
        string why;
        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10), context.Time, CancellationToken.None);
            why = first == run ? "it stopped before listening" : $"it did not listen within {startTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            why = e.Message;
        }

        stop.Dispose();
        TryDelete(state);
        cancellationToken.ThrowIfCancellationRequested();
        throw new CliException($"Could not start a host in this process: {why}. Start one with `thaw serve` and pass --endpoint.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }
        finally
        {
            _stop.Dispose();
            TryDelete(_state);
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory; not worth failing the demo for.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
