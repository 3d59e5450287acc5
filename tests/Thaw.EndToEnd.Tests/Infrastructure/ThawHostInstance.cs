using Thaw.Host;

namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real Thaw host, in-process, on a free loopback port with its own state directory, driven over HTTP. Stopping it
/// kills its environments; <see cref="RestartAsync"/> starts a new host on the same state.
/// </summary>
internal sealed class ThawHostInstance : IAsyncDisposable
{
    private readonly bool _ownsState;
    private TimeSpan? _snapshotExpiry;
    private string? _criuPath;
    private CancellationTokenSource? _stop;
    private Task? _run;

    private ThawHostInstance(string stateDirectory, bool ownsState)
    {
        StateDirectory = stateDirectory;
        _ownsState = ownsState;
    }

    public string StateDirectory { get; }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1:1/");

    public LambdaHttp Lambda { get; private set; } = null!;

    public static async Task<ThawHostInstance> StartAsync(string? stateDirectory = null, TimeSpan? idleTimeout = null, TimeSpan? snapshotExpiry = null, string? criuPath = null)
    {
        var dir = stateDirectory ?? Path.Combine(Path.GetTempPath(), "thaw-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var host = new ThawHostInstance(dir, stateDirectory is null) { _snapshotExpiry = snapshotExpiry, _criuPath = criuPath };
        await host.StartCoreAsync(idleTimeout);
        return host;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartCoreAsync(null);
    }

    public async Task StopAsync()
    {
        if (_stop is null || _run is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        _stop = null;
        _run = null;
        Lambda.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsState && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private async Task StartCoreAsync(TimeSpan? idleTimeout)
    {
        var artifacts = await Artifacts.RootAsync();
        var options = new ServerOptions
        {
            Port = 0,
            StateDirectory = StateDirectory,
            AgentCommand = [Path.Combine(artifacts, "agent", "thaw-agent")],
            Dotnet10RuntimeDirectory = Path.Combine(artifacts, "runtimes", "dotnet10"),
            IdleTimeout = idleTimeout ?? TimeSpan.FromMinutes(10),
            SnapshotExpiry = _snapshotExpiry ?? TimeSpan.FromDays(14),
            CriuPath = _criuPath,
        };
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _stop = new CancellationTokenSource();
        _run = Task.Run(() => ThawServer.RunAsync(options, started.SetResult, _stop.Token));
        var first = await Task.WhenAny(started.Task, _run);
        if (first == _run)
        {
            await _run; // surfaces the start-up exception
            throw new InvalidOperationException("The host stopped before it started.");
        }

        BaseUri = await started.Task;
        Lambda = new LambdaHttp(BaseUri);
    }
}
