using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Thaw.Agent.Protocol;
using Thaw.Sandbox.Linux;

namespace Thaw.Sandbox;

/// <summary>
/// An environment started by <c>unshare</c> or restored by <c>criu restore</c>. <see cref="_launcher"/> is that
/// helper process: it created the three pipes, and its streams are our ends of them.
/// </summary>
internal sealed class LinuxExecutionEnvironment : IExecutionEnvironment
{
    internal const int StderrTailLines = 40;
    internal static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _launcher;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly EnvironmentCgroup _cgroup;
    private readonly string _scratch;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Task _stderrPump;
    private readonly Action<LinuxExecutionEnvironment>? _onKilled;
    private ProcessHandle? _agent;
    private Task? _kill;
    private long? _lastPeak;

    public LinuxExecutionEnvironment(string environmentId, Process launcher, EnvironmentCgroup cgroup, string scratch, string codeDirectory, string? runtimeDirectory, ILogger logger, TimeProvider timeProvider, Action<LinuxExecutionEnvironment>? onKilled = null)
    {
        _onKilled = onKilled;
        EnvironmentId = environmentId;
        _launcher = launcher;
        _input = launcher.StandardInput.BaseStream;
        _output = launcher.StandardOutput.BaseStream;
        _cgroup = cgroup;
        _scratch = scratch;
        CodeDirectory = codeDirectory;
        RuntimeDirectory = runtimeDirectory;
        _logger = logger;
        _timeProvider = timeProvider;
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public string EnvironmentId { get; }

    public int HostPid => _agent?.Pid ?? 0;

    public IReadOnlyList<NetworkInterfaceInfo> Interfaces { get; private set; } = [];

    public long? MemoryPeakBytes
    {
        get
        {
            lock (_lock)
            {
                if (_kill is null)
                {
                    _lastPeak = _cgroup.ReadPeakBytes() ?? _lastPeak;
                }

                return _lastPeak;
            }
        }
    }

    public Task Exited => _agent?.Exited ?? _launcher.WaitForExitAsync();

    public string CodeDirectory { get; }

    public string? RuntimeDirectory { get; }

    /// <summary>Per-environment files on the host (CRIU logs, pid file); hidden from every environment.</summary>
    public string ScratchDirectory => _scratch;

    public EnvironmentCgroup Cgroup => _cgroup;

    public Process Launcher => _launcher;

    /// <summary>The agent's last stderr lines, for error messages.</summary>
    public string StderrTail => string.Join('\n', _stderrTail);

    public bool IsKilled
    {
        get
        {
            lock (_lock)
            {
                return _kill is not null;
            }
        }
    }

    public void AttachAgent(ProcessHandle agent)
    {
        _agent = agent;
        RefreshInterfaces();
    }

    public void RefreshInterfaces() => Interfaces = _agent is null ? [] : NetworkInterfaces.Read(_agent.Pid);

    public async ValueTask SendAsync(FrameKind kind, IReadOnlyDictionary<string, object?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FrameCodec.WriteAsync(_input, kind, header, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask<Frame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FrameCodec.ReadAsync(_output, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (IsKilled)
        {
            return null;
        }
        catch (IOException) when (IsKilled)
        {
            return null;
        }
    }

    public ValueTask KillAsync()
    {
        lock (_lock)
        {
            if (_kill is null)
            {
                _lastPeak = _cgroup.ReadPeakBytes() ?? _lastPeak;
                _kill = KillCoreAsync();
            }

            return new ValueTask(_kill);
        }
    }

    public ValueTask DisposeAsync() => KillAsync();

    private async Task KillCoreAsync()
    {
        // Pid 1 of a pid namespace takes every other process of the namespace with it.
        _ = _agent?.Signal(Native.SigKill);
        _cgroup.KillAll();
        ProcessRunner.TryKill(_launcher);
        try
        {
            var exited = _agent?.Exited ?? Task.CompletedTask;
            await exited.WaitAsync(KillTimeout, _timeProvider).ConfigureAwait(false);
            await _launcher.WaitForExitAsync().WaitAsync(KillTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        lock (_lock)
        {
            _lastPeak = _cgroup.ReadPeakBytes() ?? _lastPeak;
        }

        if (!await _cgroup.RemoveAsync(_timeProvider, KillTimeout).ConfigureAwait(false))
        {
            SandboxLog.CgroupLeft(_logger, EnvironmentId, _cgroup.Path);
        }

        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException e)
        {
            SandboxLog.CleanupFailed(_logger, _scratch, e.Message);
        }

        _agent?.Dispose();
        try
        {
            await _stderrPump.WaitAsync(TimeSpan.FromSeconds(2), _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        // Process.Dispose leaves redirected streams open (their pipes would leak until finalization).
        _input.Dispose();
        _output.Dispose();
        _launcher.StandardError.Dispose();
        _launcher.Dispose();
        _sendLock.Dispose();
        _onKilled?.Invoke(this);
        SandboxLog.Killed(_logger, EnvironmentId);
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            var reader = _launcher.StandardError;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines && _stderrTail.TryDequeue(out _))
                {
                }

                SandboxLog.AgentStderr(_logger, EnvironmentId, line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
