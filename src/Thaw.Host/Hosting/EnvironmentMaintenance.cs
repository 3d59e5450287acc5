using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Thaw.Host.ControlPlane;
using Thaw.Host.Environments;
using Thaw.Host.SnapStart;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.Hosting;

/// <summary>
/// Host lifecycle around environments: on start, closes lineage left open by a previous run and resumes Pending
/// versions; while running, reclaims idle environments and expires unused snapshots; on stop, kills every
/// environment so that nothing (process, mount, namespace, cgroup) outlives the host.
/// </summary>
internal sealed partial class EnvironmentMaintenance : IHostedService, IAsyncDisposable
{
    private readonly ISandbox _sandbox;
    private readonly EnvironmentPool _pool;
    private readonly EnvironmentLauncher _launcher;
    private readonly SnapshotManager _snapshots;
    private readonly FunctionService _functions;
    private readonly StateStore _state;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EnvironmentMaintenance> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _sweeping;

    public EnvironmentMaintenance(ISandbox sandbox, EnvironmentPool pool, EnvironmentLauncher launcher, SnapshotManager snapshots, FunctionService functions, StateStore state, ServerOptions options, TimeProvider time, ILogger<EnvironmentMaintenance> logger)
    {
        _sandbox = sandbox;
        _pool = pool;
        _launcher = launcher;
        _snapshots = snapshots;
        _functions = functions;
        _state = state;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A previous run that crashed may have left environments in this host's cgroup: they go first.
        if (_sandbox is LinuxSandbox linux)
        {
            await linux.CleanUpOrphansAsync(cancellationToken);
        }

        _state.CloseDanglingEnvironments(_time.GetUtcNow());
        _functions.SetStoppingToken(_stopping.Token);
        _functions.ResumePendingVersions();
        var period = TimeSpan.FromTicks(Math.Clamp(_options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _timer = _time.CreateTimer(_ => _ = SweepAsync(), null, period, period);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        var all = _pool.TakeAll();
        LogStopping(_logger, all.Count);
        await Task.WhenAll(all.Select(e => _launcher.EndAsync(e, "HostStopped").AsTask()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            var cutoff = _time.GetUtcNow() - _options.IdleTimeout;
            foreach (var env in _pool.TakeIdle(e => e.LastUsedAt < cutoff))
            {
                LogReclaimed(_logger, env.Id, env.Key.ToString());
                await _launcher.EndAsync(env, "Idle");
            }

            _snapshots.ExpireUnused(_state.ListVersionsInState("Active"));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSweepFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: killing {Count} environment(s)")]
    private static partial void LogStopping(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reclaimed idle environment {EnvironmentId} of {Function}")]
    private static partial void LogReclaimed(ILogger logger, string environmentId, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
