using System.Runtime.InteropServices;
using Thaw.Agent.Native;

namespace Thaw.Agent.Supervision;

/// <summary>
/// As pid 1 the agent inherits every orphan of its namespace; a thread blocked in <c>waitpid(-1)</c> reaps them all
/// and reports the runtime's own status. It ends when the agent has no children left (ECHILD): with no children
/// there are no descendants, so no orphan can be re-parented to it any more.
/// </summary>
internal sealed unsafe class ChildReaper
{
    private readonly int _runtimePid;
    private readonly Action<RuntimeExit> _onRuntimeExit;
    private readonly TaskCompletionSource<RuntimeExit> _runtimeExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChildReaper(int runtimePid, Action<RuntimeExit> onRuntimeExit)
    {
        _runtimePid = runtimePid;
        _onRuntimeExit = onRuntimeExit;
    }

    /// <summary>Completes once the runtime process was reaped.</summary>
    public Task<RuntimeExit> RuntimeExited => _runtimeExited.Task;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "reaper" };
        thread.Start();
    }

    private void Run()
    {
        try
        {
            Reap();
        }
        catch (Exception ex)
        {
            Diagnostics.Write($"the reaper stopped: {ex}");
        }
    }

    private void Reap()
    {
        while (true)
        {
            int status;
            var pid = Libc.WaitPid(-1, &status, 0);
            if (pid < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                if (errno != Libc.ECHILD)
                {
                    Diagnostics.Write($"waitpid failed: {Libc.Describe(errno)}");
                }

                return;
            }

            if (pid == _runtimePid)
            {
                var exit = RuntimeExit.FromWaitStatus(status);
                try
                {
                    _onRuntimeExit(exit);
                }
                finally
                {
                    _runtimeExited.TrySetResult(exit);
                }
            }
        }
    }
}
