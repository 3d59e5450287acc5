using System.Runtime.InteropServices;
using Thaw.Agent.Control;
using Thaw.Agent.Native;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.Supervision;

/// <summary>
/// Reads the runtime's merged stdout/stderr pipe and forwards each line as a <c>Log</c> frame. A dedicated thread
/// waits for data; <see cref="Drain"/> lets another thread pull everything written so far (non-blocking reads until
/// EAGAIN) before it sends a frame that must follow those lines.
/// </summary>
internal sealed unsafe class LogPump
{
    internal const int ReadChunk = 64 * 1024;

    private readonly int _fd;
    private readonly ControlChannel _control;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LineSplitter _splitter = new();
    private readonly byte[] _buffer = new byte[ReadChunk];
    private readonly LineHandler _emit;
    private bool _endOfStream;

    /// <summary>Wraps the read end of the runtime's output pipe, already non-blocking.</summary>
    public LogPump(int fd, ControlChannel control, TimeProvider time)
    {
        _fd = fd;
        _control = control;
        _time = time;
        _emit = Emit;
    }

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "runtime-output" };
        thread.Start();
    }

    /// <summary>Forwards every byte the runtime wrote so far, including a trailing partial line.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            ReadAvailable();
            _splitter.Flush(_emit);
        }
    }

    private void Run()
    {
        try
        {
            Pump();
        }
        catch (Exception ex)
        {
            // Pid 1 must not die of a logging fault: that would end the whole environment.
            Diagnostics.Write($"the runtime output pump stopped: {ex}");
        }
    }

    private void Pump()
    {
        var pollFd = new PollFd { Fd = _fd, Events = Libc.POLLIN };
        while (true)
        {
            var ready = Libc.Poll(&pollFd, 1, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR)
            {
                continue;
            }

            lock (_gate)
            {
                ReadAvailable();
                if (_endOfStream)
                {
                    return;
                }
            }

            if (ready < 0)
            {
                Diagnostics.Write($"poll on the runtime output failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
                return;
            }
        }
    }

    /// <summary>Reads until the pipe is empty (EAGAIN) or closed. Caller holds <see cref="_gate"/>.</summary>
    private void ReadAvailable()
    {
        if (_endOfStream)
        {
            return;
        }

        fixed (byte* buffer = _buffer)
        {
            while (true)
            {
                var read = Libc.Read(_fd, buffer, _buffer.Length);
                if (read > 0)
                {
                    _splitter.Push(_buffer.AsSpan(0, (int)read), _emit);
                    continue;
                }

                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    if (errno == Libc.EAGAIN)
                    {
                        return;
                    }

                    Diagnostics.Write($"reading the runtime output failed: {Libc.Describe(errno)}");
                }

                // Every writer (the runtime and its children) closed the pipe.
                _splitter.Flush(_emit);
                _endOfStream = true;
                return;
            }
        }
    }

    private void Emit(ReadOnlySpan<byte> line)
    {
        var header = new Dictionary<string, object?>(2)
        {
            [FrameFields.Timestamp] = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            [FrameFields.Stream] = FrameFields.StreamStdout,
        };
        _control.Send(FrameKind.Log, header, line);
    }
}
