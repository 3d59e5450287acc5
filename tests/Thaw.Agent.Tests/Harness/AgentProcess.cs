using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.Tests.Harness;

/// <summary>
/// A real thaw-agent process, with the test as its host: frames on the agent's stdin/stdout, diagnostics from its
/// stderr. By default it runs the JIT build next to the tests; THAW_AGENT_EXECUTABLE selects another binary
/// (the published native one).
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<Frame> _frames = Channel.CreateUnbounded<Frame>();
    private readonly StringBuilder _stderr = new();
    private readonly List<Frame> _received = [];
    private readonly Task _reader;
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    private readonly int _cleanupPid;
    private readonly bool _runtimePidIsHostPid;

    private AgentProcess(Process process, int cleanupPid = 0, bool runtimePidIsHostPid = true)
    {
        _process = process;
        _cleanupPid = cleanupPid;
        _runtimePidIsHostPid = runtimePidIsHostPid;
        _reader = Task.Run(ReadFramesAsync);
        _ = Task.Run(ReadStderrAsync);
    }

    public int Pid => _process.Id;

    public int Port { get; private set; }

    public int RuntimePid { get; private set; }

    public Process Process => _process;

    /// <summary>Every frame received so far, in order.</summary>
    public IReadOnlyList<Frame> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/2018-06-01/");

    /// <summary>Starts the agent with <paramref name="runtimeCommand"/> and waits for its Started frame.</summary>
    /// <param name="runtimeCommand">The runtime's argv.</param>
    /// <param name="snapStart">Sets AWS_LAMBDA_INITIALIZATION_TYPE=snap-start.</param>
    /// <param name="environment">More variables for the agent (and so the runtime).</param>
    /// <param name="launcher">
    /// argv the agent's own argv is appended to (e.g. unshare into new namespaces). The runtime pid is then a
    /// namespace pid, never used on the host.
    /// </param>
    public static async Task<AgentProcess> StartAsync(IReadOnlyList<string> runtimeCommand, bool snapStart = false, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var native = Environment.GetEnvironmentVariable("THAW_AGENT_EXECUTABLE");
        if (!string.IsNullOrEmpty(native))
        {
            start.FileName = native;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "thaw-agent.dll"));
        }

        if (launcher is { Count: > 0 })
        {
            var agentArgv = new List<string> { start.FileName };
            agentArgv.AddRange(start.ArgumentList);
            start.ArgumentList.Clear();
            start.FileName = launcher[0];
            foreach (var arg in launcher.Skip(1).Concat(agentArgv))
            {
                start.ArgumentList.Add(arg);
            }
        }

        start.ArgumentList.Add("--");
        foreach (var arg in runtimeCommand)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["THAW_AGENT_LISTEN"] = launcher is null ? "127.0.0.1:0" : "127.0.0.1:9001";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["THAW_AGENT_TEST_MARKER"] = "must-not-reach-the-runtime";
        start.Environment.Remove("AWS_LAMBDA_INITIALIZATION_TYPE");
        if (snapStart)
        {
            start.Environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var agent = new AgentProcess(Process.Start(start)!, runtimePidIsHostPid: launcher is null);
        var started = await agent.ExpectAsync(FrameKind.Started);
        agent.Port = (int)started.GetInt64("port")!.Value;
        agent.RuntimePid = (int)(started.GetInt64("runtimePid") ?? 0);
        return agent;
    }

    /// <summary>
    /// Takes over a process whose stdio pipes are an agent's (criu restore hands them to the clone).
    /// <paramref name="agentHostPid"/> is killed on dispose if it is still there.
    /// </summary>
    public static AgentProcess Attach(Process process, int agentHostPid) => new(process, agentHostPid, runtimePidIsHostPid: false);

    /// <summary>A runtime that does nothing: the test plays the runtime over HTTP.</summary>
    public static Task<AgentProcess> StartIdleAsync(bool snapStart = false) =>
        StartAsync(["/bin/sh", "-c", "exec sleep 600"], snapStart);

    public async Task SendAsync(FrameKind kind, IReadOnlyDictionary<string, object?> header, byte[]? body = null)
    {
        await _sendGate.WaitAsync();
        try
        {
            await FrameCodec.WriteAsync(_process.StandardInput.BaseStream, kind, header, body ?? []);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public Task SendInvokeAsync(string requestId, string body = "{}", IReadOnlyDictionary<string, object?>? extra = null)
    {
        var header = new Dictionary<string, object?>
        {
            ["requestId"] = requestId,
            ["deadlineMs"] = 1_900_000_000_000L,
            ["invokedFunctionArn"] = "arn:aws:lambda:us-east-1:000000000000:function:f",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            header[key] = value;
        }

        return SendAsync(FrameKind.Invoke, header, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The next frame of any kind.</summary>
    public async Task<Frame> NextFrameAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _frames.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No frame within {Timeout}. Agent stderr:\n{Stderr}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The agent's stdout ended. Agent stderr:\n{Stderr}");
        }
    }

    /// <summary>
    /// Skips Log and InitComplete frames (they stay in <see cref="Received"/>) unless asked for, and returns the next
    /// other frame, which must be <paramref name="kind"/>.
    /// </summary>
    public async Task<Frame> ExpectAsync(FrameKind kind)
    {
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.Kind != kind && frame.Kind is FrameKind.Log or FrameKind.InitComplete)
            {
                continue;
            }

            Assert.True(frame.Kind == kind, $"Expected {kind}, got {frame.Kind} {frame.Header}. Agent stderr:\n{Stderr}");
            return frame;
        }
    }

    /// <summary>Waits for a Log frame whose text satisfies <paramref name="match"/>.</summary>
    public async Task<string> ExpectLogAsync(Func<string, bool> match)
    {
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.Kind == FrameKind.Log && match(Encoding.UTF8.GetString(frame.Body.Span)))
            {
                return Encoding.UTF8.GetString(frame.Body.Span);
            }
        }
    }

    public async Task CloseStdinAsync()
    {
        await _sendGate.WaitAsync();
        try
        {
            _process.StandardInput.Close();
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cleanupPid > 0)
        {
            try
            {
                using var clone = Process.GetProcessById(_cleanupPid);
                clone.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }

        if (!_process.HasExited)
        {
            // Killing the agent alone would orphan the runtime; its process group goes too.
            if (RuntimePid > 0 && _runtimePidIsHostPid)
            {
                try
                {
                    Process.GetProcessById(RuntimePid).Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _reader.ConfigureAwait(false);
        _process.Dispose();
        _sendGate.Dispose();
    }

    private async Task ReadFramesAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        try
        {
            while (await FrameCodec.ReadAsync(stream) is { } frame)
            {
                lock (_received)
                {
                    _received.Add(frame);
                }

                await _frames.Writer.WriteAsync(frame);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
        {
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
