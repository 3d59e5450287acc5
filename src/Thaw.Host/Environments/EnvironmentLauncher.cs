using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Thaw.Agent.Protocol;
using Thaw.Host.Platform;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.Environments;

/// <summary>
/// Starts environments and runs their Init (on demand, or for a snapshot), and restores them from snapshots,
/// writing the platform lines and recording lineage as it goes.
/// </summary>
internal sealed partial class EnvironmentLauncher
{
    /// <summary>Lambda's Init limit for on-demand environments.</summary>
    public static readonly TimeSpan OnDemandInitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>SnapStart's publish-time Init is not held to 10 s (an observed INIT_REPORT shows 13.3 s); Thaw allows 15 minutes.</summary>
    public static readonly TimeSpan SnapStartInitTimeout = TimeSpan.FromMinutes(15);

    /// <summary>After-restore hooks must finish within 10 s, else SnapStartTimeoutException.</summary>
    public static readonly TimeSpan RestoreHookTimeout = TimeSpan.FromSeconds(10);

    /// <summary>RAPID's error type for after-restore hooks over their deadline.</summary>
    private const string RestoreHookTimeoutType = "Runtime.RestoreHookUserTimeout";

    private readonly ISandbox _sandbox;
    private readonly ILogSink _sink;
    private readonly StateStore _state;
    private readonly EnvironmentPool _pool;
    private readonly RuntimeCatalog _runtimes;
    private readonly string _codeRoot;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EnvironmentLauncher> _logger;

    public EnvironmentLauncher(ISandbox sandbox, ILogSink sink, StateStore state, EnvironmentPool pool, RuntimeCatalog runtimes, ServerOptions options, TimeProvider time, ILogger<EnvironmentLauncher> logger)
    {
        _sandbox = sandbox;
        _sink = sink;
        _state = state;
        _pool = pool;
        _runtimes = runtimes;
        _codeRoot = Path.Combine(options.StateDirectory, "code");
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Starts a fresh environment and runs Init until the runtime asks for its first event (on demand) or blocks
    /// in <c>restore/next</c> (snap-start: ready to be dumped).
    /// </summary>
    public async Task<InitOutcome> InitAsync(FunctionDefinition f, FunctionKey key, bool forSnapshot, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var id = LogStreamNames.NewEnvironmentId();
        var stream = LogStreamNames.Stream(now, key.Version, id);
        var group = LogStreamNames.Group(f.Name);
        var initType = forSnapshot ? "snap-start" : "on-demand";
        var log = new EnvironmentLog(_sink, group, stream, _time, _logger);
        log.Platform(PlatformLines.InitStart(_options.Region, f.Runtime));
        var (command, runtimeDir) = _runtimes.Launch(f.Runtime);
        var spec = new EnvironmentSpec
        {
            EnvironmentId = id,
            CodeDirectory = Path.Combine(_codeRoot, f.CodeKey),
            RuntimeDirectory = runtimeDir,
            Command = command,
            Variables = LambdaVariables.Build(f, key.Version, _options.Region, group, stream, initType),
            MemoryMb = f.MemorySize,
            EphemeralStorageMb = f.EphemeralStorage,
        };
        var started = Stopwatch.GetTimestamp();
        IExecutionEnvironment sandbox;
        try
        {
            sandbox = await _sandbox.StartAsync(spec, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartFailed(_logger, ex, key.ToString());
            log.Platform(PlatformLines.InitReportError(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "init", "error", "Runtime.Unknown"));
            await log.DisposeAsync();
            throw;
        }

        var record = new EnvironmentRecord
        {
            EnvironmentId = id,
            FunctionName = f.Name,
            Version = key.Version,
            InitType = initType,
            LogStreamName = stream,
            Interfaces = sandbox.Interfaces,
            StartedAt = now,
        };
        var env = new ManagedEnvironment(sandbox, key, record, log) { ConfigRevision = f.RevisionId, State = forSnapshot ? EnvironmentState.Snapshotting : EnvironmentState.Initializing, LastUsedAt = now };
        _pool.Track(env);
        _state.UpsertEnvironment(record);

        // Lambda gives Init 10 s and, when that runs out, retries it inside the invoke phase under the function's
        // timeout; Thaw folds the two into one limit: the larger of 10 s and the function's timeout.
        var limit = forSnapshot ? SnapStartInitTimeout : TimeSpan.FromSeconds(Math.Max(OnDemandInitTimeout.TotalSeconds, f.Timeout));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        string? errorType = null;
        byte[]? errorBody = null;
        var initTimedOut = false;
        try
        {
            while (true)
            {
                var frame = await env.NextControlFrameAsync(timeout.Token);
                if (frame.Kind == (forSnapshot ? FrameKind.SnapshotReady : FrameKind.InitComplete))
                {
                    break;
                }

                if (frame.Kind == FrameKind.InitComplete && forSnapshot)
                {
                    // A runtime that ignores SnapStart completes Init with invocation/next (RAPID allows it); there is
                    // nothing pending to survive a dump, so it cannot be snapshotted.
                    errorType = "Runtime.SnapStartUnsupported";
                    errorBody = ErrorJson(errorType, "The runtime called invocation/next without calling restore/next first; it does not support SnapStart.");
                    break;
                }

                if (frame.Kind is FrameKind.InitError or FrameKind.RestoreError)
                {
                    errorType = frame.GetString("errorType") ?? "Runtime.Unknown";
                    errorBody = frame.Body.ToArray();
                    // The runtime exits after init/error; wait briefly for that so its last lines are logged.
                    await WaitForExitAsync(env, TimeSpan.FromSeconds(2));
                    break;
                }

                if (frame.Kind == FrameKind.RuntimeExited)
                {
                    errorType = "Runtime.ExitError";
                    errorBody = ErrorJson(errorType, ExitMessage(frame));
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            errorType = "Runtime.Unknown";
            errorBody = ErrorJson("Runtime.Unknown", $"Init timed out after {limit.TotalSeconds:0} seconds");
            initTimedOut = true;
        }
        catch (EnvironmentGoneException)
        {
            errorType = "Runtime.ExitError";
            errorBody = ErrorJson(errorType, "Runtime exited without providing a reason");
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (errorType is not null)
        {
            log.Platform(PlatformLines.InitReportError(duration, "init", initTimedOut ? "timeout" : "error", errorType));
            // The caller still writes the request's lines into this stream, then calls EndAsync.
            await env.KillAsync();
        }
        else if (forSnapshot)
        {
            log.Platform(PlatformLines.InitReport(duration));
        }

        return new InitOutcome(env, duration, errorType, errorBody);
    }

    /// <summary>Restores a clone of <paramref name="snapshot"/> and runs its after-restore hooks.</summary>
    /// <exception cref="SnapshotCorruptException">The snapshot failed verification; nothing was restored.</exception>
    /// <exception cref="RestoreFailedException">The restore or the after-restore hooks failed or timed out.</exception>
    public async Task<(ManagedEnvironment Environment, double RestoreMs, double BilledRestoreMs)> RestoreAsync(FunctionDefinition f, FunctionKey key, SnapshotRecord snapshot, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var id = LogStreamNames.NewEnvironmentId();
        var stream = LogStreamNames.Stream(now, key.Version, id);
        var started = Stopwatch.GetTimestamp();
        var regenerate = f.NetworkIdentity == "regenerate";
        var sandbox = await _sandbox.RestoreAsync(snapshot.Directory, new RestoreSpec { EnvironmentId = id, MemoryMb = f.MemorySize, RegenerateNetworkIdentity = regenerate }, cancellationToken);
        var log = new EnvironmentLog(_sink, LogStreamNames.Group(f.Name), stream, _time, _logger);
        log.Platform(PlatformLines.RestoreStart(_options.Region, f.Runtime));
        var record = new EnvironmentRecord
        {
            EnvironmentId = id,
            FunctionName = f.Name,
            Version = key.Version,
            InitType = "restore",
            SnapshotId = snapshot.SnapshotId,
            LogStreamName = stream,
            Interfaces = sandbox.Interfaces,
            StartedAt = now,
        };
        var env = new ManagedEnvironment(sandbox, key, record, log) { ConfigRevision = f.RevisionId, State = EnvironmentState.Restoring, LastUsedAt = now };
        _pool.Track(env);
        _state.UpsertEnvironment(record);
        _state.RecordRestore(snapshot.SnapshotId, now);
        LogRestored(_logger, id, snapshot.SnapshotId, key.ToString());

        var hooksStarted = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RestoreHookTimeout);
        try
        {
            await env.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = (long)RestoreHookTimeout.TotalMilliseconds }, ReadOnlyMemory<byte>.Empty, timeout.Token);
            while (true)
            {
                var frame = await env.NextControlFrameAsync(timeout.Token);
                switch (frame.Kind)
                {
                    case FrameKind.RestoreComplete:
                        var restoreMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        var billed = Stopwatch.GetElapsedTime(hooksStarted).TotalMilliseconds;
                        log.Platform(PlatformLines.RestoreReport(restoreMs));
                        return (env, restoreMs, billed);
                    case FrameKind.RestoreError or FrameKind.InitError:
                        // The agent enforces the same hook deadline and may report it first, as RAPID does.
                        var type = frame.GetString("errorType") ?? "Runtime.AfterRestoreError";
                        var hookTimedOut = type == RestoreHookTimeoutType;
                        await FailRestoreAsync(env, started, hookTimedOut ? "timeout" : "error", type);
                        throw new RestoreFailedException(hookTimedOut, type, hookTimedOut ? "Lambda couldn't restore the snapshot within the timeout limit." : Encoding.UTF8.GetString(frame.Body.Span));
                    case FrameKind.RuntimeExited:
                        await FailRestoreAsync(env, started, "error", "Runtime.ExitError");
                        throw new RestoreFailedException(timedOut: false, "Runtime.ExitError", ExitMessage(frame));
                    default:
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await FailRestoreAsync(env, started, "timeout", RestoreHookTimeoutType);
            throw new RestoreFailedException(timedOut: true, RestoreHookTimeoutType, "Lambda couldn't restore the snapshot within the timeout limit.");
        }
        catch (EnvironmentGoneException)
        {
            await FailRestoreAsync(env, started, "error", "Runtime.ExitError");
            throw new RestoreFailedException(timedOut: false, "Runtime.ExitError", "Runtime exited without providing a reason");
        }
        catch (Exception) when (!env.IsDead && cancellationToken.IsCancellationRequested)
        {
            await EndAsync(env, "Cancelled");
            throw;
        }
    }

    /// <summary>Kills an environment, flushes its log and closes its lineage record.</summary>
    public async ValueTask EndAsync(ManagedEnvironment env, string reason)
    {
        _pool.Forget(env);
        await env.DisposeAsync();
        env.Record = env.Record with { EndedAt = _time.GetUtcNow(), EndReason = reason };
        _state.UpsertEnvironment(env.Record);
    }

    /// <summary>Closes the lineage record of an environment that CRIU consumed (dumped and killed).</summary>
    public async ValueTask EndSnapshottedAsync(ManagedEnvironment env, string snapshotId)
    {
        _pool.Forget(env);
        env.State = EnvironmentState.Dead;
        await env.DisposeAsync();
        env.Record = env.Record with { EndedAt = _time.GetUtcNow(), EndReason = "Snapshotted:" + snapshotId };
        _state.UpsertEnvironment(env.Record);
    }

    public static string ExitMessage(Agent.Protocol.Frame frame) =>
        frame.GetInt64("exitCode") is { } code
            ? code == 0 ? "Runtime exited without providing a reason" : $"Runtime exited with error: exit status {code}"
            : $"Runtime exited with error: signal: {frame.GetString("signal") ?? "killed"}";

    public static byte[] ErrorJson(string errorType, string message)
    {
        using var ms = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("errorType", errorType);
            w.WriteString("errorMessage", message);
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    private async Task FailRestoreAsync(ManagedEnvironment env, long started, string status, string errorType)
    {
        env.Log.Platform(PlatformLines.RestoreReportError(Stopwatch.GetElapsedTime(started).TotalMilliseconds, status, errorType));
        await EndAsync(env, "RestoreFailed");
    }

    private static async Task WaitForExitAsync(ManagedEnvironment env, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var frame = await env.NextControlFrameAsync(cts.Token);
                if (frame.Kind == FrameKind.RuntimeExited)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or EnvironmentGoneException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start an environment for {Function}")]
    private static partial void LogStartFailed(ILogger logger, Exception ex, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "Environment {EnvironmentId} restored from snapshot {SnapshotId} of {Function}")]
    private static partial void LogRestored(ILogger logger, string environmentId, string snapshotId, string function);
}
