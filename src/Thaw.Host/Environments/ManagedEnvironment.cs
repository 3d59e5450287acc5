using System.Text;
using System.Threading.Channels;
using Thaw.Agent.Protocol;
using Thaw.Host.Platform;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.Environments;

/// <summary>
/// The host's handle on one execution environment: the sandbox, a reader that splits the agent's frames into log
/// lines (to the environment's log stream) and control frames (to whoever drives the environment), and its lineage.
/// </summary>
internal sealed class ManagedEnvironment : IAsyncDisposable
{
    // Synchronous continuations: the thread that read a Response frame finishes the invocation (END/REPORT, the
    // caller's HTTP response) instead of waking a thread-pool worker to do it. The read loop waits meanwhile, which
    // costs nothing: the agent sends nothing more until the next Invoke.
    private readonly Channel<Frame> _control = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
    private readonly Task _reader;
    private int _killed;

    public ManagedEnvironment(IExecutionEnvironment sandbox, FunctionKey key, EnvironmentRecord record, EnvironmentLog log)
    {
        Sandbox = sandbox;
        Key = key;
        Record = record;
        Log = log;
        _reader = Task.Run(ReadLoopAsync);
    }

    public IExecutionEnvironment Sandbox { get; }

    public FunctionKey Key { get; }

    public string Id => Record.EnvironmentId;

    /// <summary>Lineage; replaced (not mutated) as facts become known.</summary>
    public EnvironmentRecord Record { get; set; }

    public EnvironmentLog Log { get; }

    /// <summary>The RevisionId of the configuration this environment was made from; a warm environment of another revision is stale.</summary>
    public string ConfigRevision { get; init; } = "";

    public EnvironmentState State { get; set; } = EnvironmentState.Initializing;

    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>Set on a clone restored ahead of demand: its restore is reported by the first invocation's REPORT, as Lambda reports a restore.</summary>
    public (double RestoreMs, double BilledRestoreMs)? PendingRestore { get; set; }

    /// <summary>Invocations served so far.</summary>
    public long Invocations { get; set; }

    public bool IsDead => State == EnvironmentState.Dead || Volatile.Read(ref _killed) != 0 || Sandbox.Exited.IsCompleted;

    /// <summary>Waits for the next control frame (anything but a log line).</summary>
    /// <exception cref="EnvironmentGoneException">The agent's output ended first.</exception>
    public async ValueTask<Frame> NextControlFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _control.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new EnvironmentGoneException();
        }
    }

    public ValueTask SendAsync(FrameKind kind, IReadOnlyDictionary<string, object?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        Sandbox.SendAsync(kind, header, body, cancellationToken);

    /// <summary>Kills the environment's processes; its log stays open for the caller's last platform lines.</summary>
    public async ValueTask KillAsync()
    {
        State = EnvironmentState.Dead;
        if (Interlocked.Exchange(ref _killed, 1) == 0)
        {
            await Sandbox.KillAsync();
        }

        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Kills the environment and flushes its log stream.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await Log.DisposeAsync();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await Sandbox.ReceiveAsync(CancellationToken.None) is { } frame)
            {
                if (frame.Kind == FrameKind.Log)
                {
                    Log.Function(frame.GetInt64("ts") ?? 0, Encoding.UTF8.GetString(frame.Body.Span));
                }
                else
                {
                    _control.Writer.TryWrite(frame);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe broke or the environment was killed: either way the environment is over.
        }
        finally
        {
            _control.Writer.TryComplete();
        }
    }
}
