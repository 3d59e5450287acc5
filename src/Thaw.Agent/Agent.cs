using System.Runtime.InteropServices;
using Thaw.Agent.Control;
using Thaw.Agent.Native;
using Thaw.Agent.Protocol;
using Thaw.Agent.RuntimeApi;
using Thaw.Agent.Supervision;

namespace Thaw.Agent;

/// <summary>
/// Pid 1 of an execution environment: binds the Runtime API, starts the runtime, relays between the runtime and the
/// host, reaps every child, and exits once the host says Shutdown or closes its pipe.
/// </summary>
internal sealed class Agent : IDisposable
{
    /// <summary>How long a SIGKILLed runtime may take to be reaped before the agent exits anyway.</summary>
    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    private readonly AgentOptions _options;
    private readonly ControlChannel _control;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private LogPump? _logPump;
    private int _runtimePid;

    public Agent(AgentOptions options, ControlChannel control, TimeProvider time)
    {
        _options = options;
        _control = control;
        _time = time;
    }

    /// <summary>Stops from outside (SIGTERM): kill the runtime and exit.</summary>
    public void RequestStop() => _stopping.Cancel();

    public async Task<int> RunAsync()
    {
        PrepareToBeInit();
        var notifier = new DrainingNotifier(_control, () => _logPump);
        var state = new RuntimeStateMachine(notifier, _time);
        var handler = new RuntimeApiHandler(state, notifier, _options.SnapStart);

        RuntimeApiServer server;
        try
        {
            server = RuntimeApiServer.Bind(_options.Listen, handler, _time);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            Diagnostics.Write($"cannot listen on {_options.Listen}: {ex.Message}");
            return 1;
        }

        using var _ = server;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, _control.HostGone);
        var bound = server.LocalEndPoint;
        ChildReaper? reaper = null;
        try
        {
            var (pid, outputFd) = RuntimeLauncher.Spawn(_options.RuntimeCommand, _options.EnvironmentFor(bound));
            _runtimePid = pid;
            _logPump = new LogPump(outputFd, _control, _time);
            reaper = new ChildReaper(pid, OnRuntimeExited);
            _control.Send(FrameKind.Started, new Dictionary<string, object?> { [FrameFields.RuntimePid] = pid, [FrameFields.Port] = bound.Port }, default);
            _logPump.Start();
            reaper.Start();
        }
        catch (RuntimeSpawnException ex)
        {
            // The host still learns the port and then, as for any runtime that dies, why and with which status.
            Diagnostics.Write(ex.Message);
            _control.Send(FrameKind.Started, new Dictionary<string, object?> { [FrameFields.Port] = bound.Port }, default);
            _control.Send(FrameKind.Log, LogHeader(), System.Text.Encoding.UTF8.GetBytes("thaw-agent: " + ex.Message));
            _control.Send(FrameKind.RuntimeExited, new Dictionary<string, object?> { [FrameFields.ExitCode] = ex.ShellExitCode }, default);
        }

        var serving = server.RunAsync(stop.Token);

        // A blocking pipe read does not observe cancellation: SIGTERM or a vanished host must not wait for it.
        var reading = StartHostReader(state);
        var stopped = Task.Delay(Timeout.Infinite, stop.Token);
        await Task.WhenAny(reading, stopped).ConfigureAwait(false);
        var exitCode = reading.IsCompletedSuccessfully ? reading.Result : 0;
        await stop.CancelAsync().ConfigureAwait(false);
        await KillRuntimeAsync(reaper).ConfigureAwait(false);
        await serving.ConfigureAwait(false);
        return exitCode;
    }

    private static void PrepareToBeInit()
    {
        // A SIGCHLD inherited as SIG_IGN would make the kernel reap the runtime and lose its exit status.
        Libc.Signal(Libc.SIGCHLD, 0);

        // Outside a pid namespace (tests, diagnostics) the runtime's orphans still come back to the agent.
        if (Libc.GetPid() != 1)
        {
            Libc.Prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
    }

    /// <summary>
    /// Reads host frames on a dedicated thread, which also hands each event to the parked <c>invocation/next</c> and
    /// writes its HTTP response: no thread-pool hand-over between the pipe and the runtime's socket.
    /// </summary>
    private Task<int> StartHostReader(RuntimeStateMachine state)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(ReadHost(state));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "host-input" };
        thread.Start();
        return done.Task;
    }

    /// <summary>Reads host frames until Shutdown (0), end of stream (0) or a broken stream (2).</summary>
    private int ReadHost(RuntimeStateMachine state)
    {
        while (true)
        {
            Frame? frame;
            try
            {
                frame = _control.Read();
            }
            catch (InvalidDataException ex)
            {
                Diagnostics.Write($"malformed frame from the host, stopping: {ex.Message}");
                return 2;
            }
            catch (IOException ex)
            {
                Diagnostics.Write($"reading from the host failed, stopping: {ex.Message}");
                return 2;
            }

            switch (frame?.Kind)
            {
                case null:
                    return 0;
                case FrameKind.Shutdown:
                    return 0;
                case FrameKind.Invoke:
                    if (Invocation.FromFrame(frame) is { } invocation)
                    {
                        state.Invoke(invocation);
                    }
                    else
                    {
                        Diagnostics.Write("ignored an Invoke frame without requestId");
                    }

                    break;
                case FrameKind.Restore:
                    state.Restore(frame.GetInt64(FrameFields.RestoreHookTimeoutMs));
                    break;
                default:
                    Diagnostics.Write($"ignored a frame of kind 0x{(byte)frame.Kind:x2}");
                    break;
            }
        }
    }

    private void OnRuntimeExited(RuntimeExit exit)
    {
        _logPump?.Drain();
        var header = new Dictionary<string, object?>();
        if (exit.ExitCode is { } code)
        {
            header[FrameFields.ExitCode] = code;
        }
        else
        {
            header[FrameFields.Signal] = exit.Signal;
        }

        _control.Send(FrameKind.RuntimeExited, header, default);
    }

    private async Task KillRuntimeAsync(ChildReaper? reaper)
    {
        if (_runtimePid <= 0)
        {
            return;
        }

        // The whole process group: whatever the runtime started goes with it.
        if (Libc.Kill(-_runtimePid, Libc.SIGKILL) != 0 && Marshal.GetLastPInvokeError() != Libc.ESRCH)
        {
            Diagnostics.Write($"kill of the runtime's process group failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }

        if (reaper is not null)
        {
            try
            {
                await reaper.RuntimeExited.WaitAsync(ReapGrace, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Diagnostics.Write("the runtime was not reaped in time after SIGKILL");
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    private Dictionary<string, object?> LogHeader() => new()
    {
        [FrameFields.Timestamp] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        [FrameFields.Stream] = FrameFields.StreamStdout,
    };
}
