namespace Thaw.Sandbox.Linux;

/// <summary>
/// A pidfd on a process that need not be our child (a clone restored by CRIU is re-parented to init):
/// signals cannot hit a recycled pid, and <see cref="Exited"/> completes when the process is gone.
/// </summary>
internal sealed class ProcessHandle : IDisposable
{
    private readonly Lock _lock = new();
    private volatile bool _disposed;
    private int _fd;

    private ProcessHandle(int pid, int fd)
    {
        Pid = pid;
        _fd = fd;
        Exited = Task.Factory.StartNew(Watch, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Pid { get; }

    /// <summary>Completes when the process exited (or the handle was disposed).</summary>
    public Task Exited { get; }

    /// <summary>Opens a handle, or returns null when the process no longer exists.</summary>
    public static ProcessHandle? Open(int pid)
    {
        var fd = Native.PidfdOpen(pid);
        return fd < 0 ? null : new ProcessHandle(pid, fd);
    }

    public bool Signal(int signal)
    {
        lock (_lock)
        {
            return _fd >= 0 && Native.PidfdSendSignal(_fd, signal);
        }
    }

    public void Dispose() => _disposed = true;

    private void Watch()
    {
        // One blocking thread per environment; the timeout only lets a disposed handle stop watching.
        while (!_disposed && !Native.WaitReadable(_fd, 500))
        {
        }

        lock (_lock)
        {
            _ = Native.Close(_fd);
            _fd = -1;
        }
    }
}
