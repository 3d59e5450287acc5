using Microsoft.Extensions.Logging;
using Thaw.Host.Environments;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.SnapStart;

/// <summary>
/// Makes and serves snapshots. Publishing a SnapStart version runs <c>SnapshotCount</c> independent Inits with
/// <c>AWS_LAMBDA_INITIALIZATION_TYPE=snap-start</c>; each one, blocked in <c>restore/next</c>, is dumped into its own
/// snapshot, and the lineage (which Init made which snapshot, with which MACs) is recorded. Cold starts pick a
/// snapshot at random, as Lambda spreads restores over its cached copies.
/// </summary>
internal sealed partial class SnapshotManager : IDisposable
{
    private readonly ISandbox _sandbox;
    private readonly EnvironmentLauncher _launcher;
    private readonly StateStore _state;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotManager> _logger;
    private readonly string _root;
    private readonly SemaphoreSlim _initSlots = new(Math.Max(1, Environment.ProcessorCount));

    public SnapshotManager(ISandbox sandbox, EnvironmentLauncher launcher, StateStore state, ServerOptions options, TimeProvider time, ILogger<SnapshotManager> logger)
    {
        _sandbox = sandbox;
        _launcher = launcher;
        _state = state;
        _options = options;
        _time = time;
        _logger = logger;
        _root = Path.Combine(options.StateDirectory, "snapshots");
    }

    public void Dispose() => _initSlots.Dispose();

    public bool Available => _sandbox.Capabilities.CanSnapshot;

    public string? UnavailableReason => _sandbox.Capabilities.SnapshotProblem;

    /// <summary>Runs the publish-time Inits of a Pending version and makes it Active (or Failed). Never throws.</summary>
    public async Task OptimizeAsync(VersionRecord version, CancellationToken cancellationToken)
    {
        var key = new FunctionKey(version.FunctionName, version.Version);
        DeleteSnapshots(version.FunctionName, version.Version);
        try
        {
            var count = Math.Max(1, version.Config.SnapshotCount);
            var tasks = Enumerable.Range(0, count).Select(_ => CreateAsync(version.Config, key, cancellationToken)).ToList();
            await Task.WhenAll(tasks);
            _state.SetVersionState(version.FunctionName, version.Version, "Active", "On", null, null);
            LogPublished(_logger, key.ToString(), count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeleteSnapshots(version.FunctionName, version.Version);
            var reason = ex is SnapshotInitException init ? init.Message : $"Creating the snapshot failed: {ex.Message}";
            var code = ex is SnapshotInitException i2 ? i2.ReasonCode : "SnapStartFailure";
            _state.SetVersionState(version.FunctionName, version.Version, "Failed", "Off", reason, code);
            LogPublishFailed(_logger, ex, key.ToString());
        }
    }

    /// <summary>One Init → one snapshot, with its lineage.</summary>
    public async Task<SnapshotRecord> CreateAsync(FunctionDefinition f, FunctionKey key, CancellationToken cancellationToken)
    {
        await _initSlots.WaitAsync(cancellationToken);
        try
        {
            var init = await _launcher.InitAsync(f, key, forSnapshot: true, cancellationToken);
            if (!init.Succeeded)
            {
                await _launcher.EndAsync(init.Environment, "InitFailed");
                var type = init.ErrorType;
                throw new SnapshotInitException(
                    $"The Init of environment {init.Environment.Id} failed with {type}: {System.Text.Encoding.UTF8.GetString(init.ErrorBody ?? [])}",
                    type == "Runtime.BeforeSnapshotError" ? "FunctionError.BeforeSnapshotError" : "FunctionError.RuntimeInitError");
            }

            var env = init.Environment;
            var snapshotId = Guid.NewGuid().ToString("N")[..16];
            var directory = Path.Combine(_root, Sanitize(f.Name), key.Version, snapshotId);
            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            SnapshotImage image;
            try
            {
                image = await _sandbox.SnapshotAsync(env.Sandbox, directory, cancellationToken);
            }
            catch
            {
                await _launcher.EndAsync(env, "SnapshotFailed");
                throw;
            }

            var record = new SnapshotRecord
            {
                SnapshotId = snapshotId,
                FunctionName = f.Name,
                Version = key.Version,
                Directory = image.Directory,
                InitEnvironmentId = env.Id,
                InitLogStreamName = env.Record.LogStreamName,
                Interfaces = image.Interfaces,
                InitDurationMs = init.DurationMs,
                SizeBytes = image.SizeBytes,
                CreatedAt = image.CreatedAt,
            };
            _state.InsertSnapshot(record);
            await _launcher.EndSnapshottedAsync(env, snapshotId);
            LogSnapshotted(_logger, snapshotId, env.Id, key.ToString(), image.SizeBytes);
            return record;
        }
        finally
        {
            _initSlots.Release();
        }
    }

    /// <summary>A random ready snapshot of the version, or null.</summary>
    public SnapshotRecord? Pick(FunctionKey key)
    {
        var ready = _state.ListSnapshots(key.FunctionName, key.Version, includeDropped: false);
        return ready.Count == 0 ? null : ready[Random.Shared.Next(ready.Count)];
    }

    /// <summary>Drops a snapshot found corrupt or expired: the record is marked and the images deleted.</summary>
    public void Drop(SnapshotRecord snapshot, string why)
    {
        LogDropped(_logger, snapshot.SnapshotId, snapshot.FunctionName, snapshot.Version, why);
        _state.SetSnapshotStatus(snapshot.SnapshotId, "Dropped");
        TryDeleteDirectory(snapshot.Directory);
    }

    /// <summary>Drops snapshots unused for longer than the expiry (Lambda: 14 days).</summary>
    public void ExpireUnused(IEnumerable<VersionRecord> versions)
    {
        var cutoff = _time.GetUtcNow() - _options.SnapshotExpiry;
        foreach (var v in versions)
        {
            foreach (var s in _state.ListSnapshots(v.FunctionName, v.Version, includeDropped: false))
            {
                if ((s.LastRestoredAt ?? s.CreatedAt) < cutoff)
                {
                    Drop(s, "expired (unused since " + (s.LastRestoredAt ?? s.CreatedAt).ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ")");
                }
            }
        }
    }

    public void DeleteSnapshots(string function, string? version)
    {
        foreach (var s in _state.ListSnapshots(function, version, includeDropped: true))
        {
            TryDeleteDirectory(s.Directory);
        }

        _state.DeleteSnapshots(function, version);
        var dir = version is null ? Path.Combine(_root, Sanitize(function)) : Path.Combine(_root, Sanitize(function), version);
        TryDeleteDirectory(dir);
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException ex)
        {
            LogDeleteFailed(_logger, ex, path);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogDeleteFailed(_logger, ex, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Version {Version} is Active with {Count} snapshot(s)")]
    private static partial void LogPublished(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Version} failed; no snapshot was kept")]
    private static partial void LogPublishFailed(ILogger logger, Exception ex, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {SnapshotId} made from the Init of environment {EnvironmentId} ({Version}, {Bytes} bytes)")]
    private static partial void LogSnapshotted(ILogger logger, string snapshotId, string environmentId, string version, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {SnapshotId} of {Function}:{Version} dropped: {Why}; it will be re-made")]
    private static partial void LogDropped(ILogger logger, string snapshotId, string function, string version, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Path}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception ex, string path);
}
