using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Thaw.Agent.Protocol;
using Thaw.Host.Api;
using Thaw.Host.Environments;
using Thaw.Host.Platform;
using Thaw.Host.SnapStart;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.Invocation;

/// <summary>
/// The invoke path: take a warm environment or make one (Init, or restore for SnapStart versions), hand it the
/// event, wait for the response within the function's timeout, and write START/END/REPORT around the function's lines.
/// </summary>
internal sealed partial class Invoker
{
    private const string Unhandled = "Unhandled";

    private readonly EnvironmentPool _pool;
    private readonly EnvironmentLauncher _launcher;
    private readonly SnapshotManager _snapshots;
    private readonly StateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<Invoker> _logger;
    private readonly Lock _aheadGate = new();
    private readonly Dictionary<FunctionKey, int> _aheadInFlight = [];
    private CancellationToken _stopping;

    public Invoker(EnvironmentPool pool, EnvironmentLauncher launcher, SnapshotManager snapshots, StateStore state, TimeProvider time, ILogger<Invoker> logger)
    {
        _pool = pool;
        _launcher = launcher;
        _snapshots = snapshots;
        _state = state;
        _time = time;
        _logger = logger;
    }

    public async Task<InvocationResult> InvokeAsync(InvokeTarget target, byte[] payload, string? clientContext, bool wantTail, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var key = target.Key;
        var reserved = _state.GetReservedConcurrency(key.FunctionName);
        var env = _pool.Acquire(key, reserved);
        if (env is not null && env.ConfigRevision != target.Config.RevisionId)
        {
            await _launcher.EndAsync(env, "Stale");
            env = null;
        }

        double? initMs = null, restoreMs = null, billedRestoreMs = null;
        var warm = env is not null;
        if (env?.PendingRestore is { } ahead)
        {
            // Restored ahead of demand: this first invocation reports that restore, as Lambda's first one does.
            (restoreMs, billedRestoreMs) = ahead;
            env.PendingRestore = null;
            warm = false;
        }

        try
        {
            if (env is null)
            {
                if (target.UseSnapshots)
                {
                    (env, var r, var b) = await RestoreForColdStartAsync(target, cancellationToken);
                    (restoreMs, billedRestoreMs) = (r, b);
                }
                else
                {
                    var init = await _launcher.InitAsync(target.Config, key, forSnapshot: false, cancellationToken);
                    if (!init.Succeeded)
                    {
                        return await FailInitAsync(target, init, requestId, wantTail);
                    }

                    env = init.Environment;
                    initMs = init.DurationMs;
                }
            }
        }
        catch
        {
            _pool.Release(key, null, _time.GetUtcNow());
            throw;
        }

        env.State = EnvironmentState.Busy;
        if (warm)
        {
            env.Log.BeginCapture();
        }

        env.Invocations++;
        var (result, alive) = await RunAsync(env, target, requestId, payload, clientContext, initMs, restoreMs, billedRestoreMs, wantTail, cancellationToken);

        // Replacements are restored after the request, not during it: on 2 cores a restore steals the request's CPU.
        if (target.UseSnapshots && target.Config.RestoreAhead > 0)
        {
            TopUp(target);
        }

        if (alive)
        {
            _pool.Release(key, env, _time.GetUtcNow());
        }
        else
        {
            await _launcher.EndAsync(env, result.FunctionError is null ? "Ended" : "InvocationFailed");
            _pool.Release(key, null, _time.GetUtcNow());
        }

        return result;
    }

    private async Task<(InvocationResult Result, bool Alive)> RunAsync(
        ManagedEnvironment env, InvokeTarget target, string requestId, byte[] payload, string? clientContext,
        double? initMs, double? restoreMs, double? billedRestoreMs, bool wantTail, CancellationToken cancellationToken)
    {
        var f = target.Config;
        var log = env.Log;
        log.PlatformDeferred(PlatformLines.Start(requestId, target.Key.Version));
        var started = Stopwatch.GetTimestamp();
        var deadline = _time.GetUtcNow().AddSeconds(f.Timeout);
        var header = new Dictionary<string, object?>
        {
            ["requestId"] = requestId,
            ["deadlineMs"] = deadline.ToUnixTimeMilliseconds(),
            ["invokedFunctionArn"] = target.InvokedFunctionArn,
            ["traceId"] = TraceId(),
            ["clientContext"] = clientContext,
            ["contentType"] = "application/json",
        };

        byte[] response;
        string? functionError = null;
        string? status = null;
        var alive = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(f.Timeout));
        try
        {
            await env.SendAsync(FrameKind.Invoke, header, payload, timeout.Token);
            while (true)
            {
                var frame = await env.NextControlFrameAsync(timeout.Token);
                if (frame.Kind == FrameKind.Response && frame.GetString("requestId") == requestId)
                {
                    response = frame.Body.ToArray();
                    break;
                }

                if (frame.Kind == FrameKind.InvocationError && frame.GetString("requestId") == requestId)
                {
                    response = frame.Body.ToArray();
                    functionError = Unhandled;
                    break;
                }

                if (frame.Kind == FrameKind.RuntimeExited)
                {
                    (response, functionError, status, alive) = Exited(log, requestId, EnvironmentLauncher.ExitMessage(frame));
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Platform(PlatformLines.TimedOut(_time.GetUtcNow(), requestId, f.Timeout));
            response = EnvironmentLauncher.ErrorJson("Sandbox.Timedout", $"RequestId: {requestId} Error: {PlatformLines.TimedOutMessage(f.Timeout)}");
            functionError = Unhandled;
            status = "timeout";
            alive = false;
            await env.KillAsync();
        }
        catch (EnvironmentGoneException)
        {
            (response, functionError, status, alive) = Exited(log, requestId, "Runtime exited without providing a reason");
        }
        catch (OperationCanceledException)
        {
            // The caller went away (host stopping): the environment is mid-invocation and cannot be reused.
            await env.KillAsync();
            log.EndCapture();
            await _launcher.EndAsync(env, "Cancelled");
            throw;
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status == "timeout")
        {
            duration = Math.Max(duration, f.Timeout * 1000.0);
        }

        log.PlatformDeferred(PlatformLines.End(requestId));
        var maxMemoryMb = (env.Sandbox.MemoryPeakBytes ?? 0) / (1024 * 1024);
        log.Platform(PlatformLines.Report(requestId, duration, f.MemorySize, maxMemoryMb, initMs, restoreMs, billedRestoreMs, status));
        var tail = log.EndCapture(wantTail);
        return (new InvocationResult(requestId, response, functionError, wantTail ? tail : null, target.Key.Version), alive);
    }

    private static (byte[], string, string, bool) Exited(EnvironmentLog log, string requestId, string message)
    {
        log.Platform(PlatformLines.Fault(requestId, message, "Runtime.ExitError"));
        return (EnvironmentLauncher.ErrorJson("Runtime.ExitError", $"RequestId: {requestId} Error: {message}"), Unhandled, "error", false);
    }

    private async Task<InvocationResult> FailInitAsync(InvokeTarget target, InitOutcome init, string requestId, bool wantTail)
    {
        var env = init.Environment;
        env.Log.Platform(PlatformLines.Start(requestId, target.Key.Version));
        env.Log.Platform(PlatformLines.End(requestId));
        env.Log.Platform(PlatformLines.Report(requestId, 0, target.Config.MemorySize, (env.Sandbox.MemoryPeakBytes ?? 0) / (1024 * 1024), init.DurationMs, null, null, "error\tError Type: " + init.ErrorType));
        var tail = env.Log.EndCapture();
        await _launcher.EndAsync(env, "InitFailed");
        _pool.Release(target.Key, null, _time.GetUtcNow());
        return new InvocationResult(requestId, init.ErrorBody ?? [], Unhandled, wantTail ? tail : null, target.Key.Version);
    }

    /// <summary>Restores a clone for a cold start; a snapshot that fails verification is dropped, re-made, and another is tried.</summary>
    private async Task<(ManagedEnvironment, double, double)> RestoreForColdStartAsync(InvokeTarget target, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = _snapshots.Pick(target.Key);
            if (snapshot is null)
            {
                // Every snapshot was dropped (corrupt or expired): make one now, as Lambda re-creates an inactive version's.
                LogRemaking(_logger, target.Key.ToString());
                snapshot = await _snapshots.CreateAsync(target.Config, target.Key, cancellationToken);
            }

            try
            {
                return await _launcher.RestoreAsync(target.Config, target.Key, snapshot, cancellationToken);
            }
            catch (SnapshotCorruptException ex) when (attempt < 3)
            {
                _snapshots.Drop(snapshot, "failed verification: " + ex.Message);
                _ = Task.Run(() => RemakeInBackgroundAsync(target), CancellationToken.None);
            }
            catch (RestoreFailedException ex)
            {
                throw new LambdaApiException(
                    ex.TimedOut ? LambdaErrorCodes.SnapStartTimeout : LambdaErrorCodes.SnapStart,
                    ex.TimedOut
                        ? "Lambda couldn't restore the snapshot within the timeout limit."
                        : $"Lambda couldn't restore the snapshot: the afterRestore() runtime hook encountered an error ({ex.ErrorType}): {ex.Message}");
            }
        }
    }

    /// <summary>Starts restores until <c>RestoreAhead</c> unused clones of the version are ready or on their way.</summary>
    public void TopUp(InvokeTarget target)
    {
        int missing;
        lock (_aheadGate)
        {
            var inFlight = _aheadInFlight.GetValueOrDefault(target.Key);
            missing = target.Config.RestoreAhead - _pool.CountReady(target.Key) - inFlight;
            if (missing <= 0 || _stopping.IsCancellationRequested)
            {
                return;
            }

            _aheadInFlight[target.Key] = inFlight + missing;
        }

        for (var i = 0; i < missing; i++)
        {
            _ = Task.Run(() => RestoreAheadAsync(target), CancellationToken.None);
        }
    }

    /// <summary>Background work stops with the host.</summary>
    public void SetStoppingToken(CancellationToken stopping) => _stopping = stopping;

    private async Task RestoreAheadAsync(InvokeTarget target)
    {
        try
        {
            var (env, restoreMs, billedMs) = await RestoreForColdStartAsync(target, _stopping);
            env.PendingRestore = (restoreMs, billedMs);
            if (_stopping.IsCancellationRequested)
            {
                await _launcher.EndAsync(env, "HostStopped");
                return;
            }

            _pool.AddIdle(target.Key, env, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRestoreAheadFailed(_logger, ex, target.Key.ToString());
        }
        finally
        {
            lock (_aheadGate)
            {
                _aheadInFlight[target.Key] = _aheadInFlight.GetValueOrDefault(target.Key) - 1;
            }
        }
    }

    private async Task RemakeInBackgroundAsync(InvokeTarget target)
    {
        try
        {
            await _snapshots.CreateAsync(target.Config, target.Key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRemakeFailed(_logger, ex, target.Key.ToString());
        }
    }

    private string TraceId()
    {
        var epoch = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        var id = Guid.NewGuid().ToString("N");
        return $"Root=1-{epoch}-{id[..24]};Parent={id[16..32]};Sampled=0";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restoring an environment of {Version} ahead of demand failed")]
    private static partial void LogRestoreAheadFailed(ILogger logger, Exception ex, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No usable snapshot of {Version}: making one before restoring")]
    private static partial void LogRemaking(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-making a dropped snapshot of {Version} failed")]
    private static partial void LogRemakeFailed(ILogger logger, Exception ex, string version);
}
