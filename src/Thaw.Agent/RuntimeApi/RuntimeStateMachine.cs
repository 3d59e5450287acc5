using System.Text;
using Thaw.Agent.Control;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.RuntimeApi;

/// <summary>
/// RAPID's runtime state machine (<c>core/states.go</c>) joined to the host's frames: which Runtime API call is valid
/// when, which frame each transition sends, and the hand-over of events to parked <c>invocation/next</c> calls.
/// </summary>
/// <remarks>
/// RAPID suspends the handler goroutine of <c>/next</c> on a condition variable that the platform releases;
/// here a parked call is a waiter that an <c>Invoke</c> (or <c>Restore</c>) frame completes. Events that arrive
/// before anyone waits are queued, as RAPID's release flag is latched.
/// </remarks>
internal sealed class RuntimeStateMachine
{
    private readonly IHostNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<Invocation> _pendingInvocations = new();
    private readonly LinkedList<NextWaiter> _nextWaiters = new();
    private RuntimeState _state = RuntimeState.Started;
    private Invocation? _current;
    private TaskCompletionSource? _restoreRelease;
    private ITimer? _restoreTimer;
    private bool _restoreSettled;

    public RuntimeStateMachine(IHostNotifier notifier, TimeProvider time)
    {
        _notifier = notifier;
        _time = time;
    }

    public RuntimeState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>An <c>Invoke</c> frame: hand the event to the oldest live parked <c>/next</c>, or queue it.</summary>
    public void Invoke(Invocation invocation)
    {
        List<(NextWaiter, Invocation?)>? handOver;
        lock (_gate)
        {
            _pendingInvocations.Enqueue(invocation);
            handOver = DispatchUnsafe();
        }

        Complete(handOver);
    }

    /// <summary>
    /// A <c>Restore</c> frame (RAPID <c>handleRestore</c>): release the parked <c>restore/next</c> and wait for the
    /// runtime's next <c>/next</c>, bounded by <paramref name="restoreHookTimeoutMs"/>. A runtime that never called
    /// <c>restore/next</c> has nothing to restore: the restore succeeds at once.
    /// </summary>
    public void Restore(long? restoreHookTimeoutMs)
    {
        lock (_gate)
        {
            if (_state == RuntimeState.RestoreReady && _restoreRelease is { } release)
            {
                _state = RuntimeState.Restoring;
                _restoreRelease = null;
                if (restoreHookTimeoutMs is > 0 and var timeout)
                {
                    _restoreTimer = _time.CreateTimer(_ => OnRestoreTimeout(timeout), null, TimeSpan.FromMilliseconds(timeout), Timeout.InfiniteTimeSpan);
                }

                release.TrySetResult();
                return;
            }
        }

        _notifier.Notify(FrameKind.RestoreComplete, null, default);
    }

    /// <summary><c>GET invocation/next</c>: 403, or the next event (which may take forever).</summary>
    public async Task<NextOutcome> NextAsync(Func<bool> isClientGone, CancellationToken cancellationToken)
    {
        FrameKind? notify = null;
        lock (_gate)
        {
            switch (_state)
            {
                case RuntimeState.Started:
                    // "runtime called /next without calling /restore/next: not interested in restore phase".
                    _state = RuntimeState.Ready;
                    notify = FrameKind.InitComplete;
                    break;
                case RuntimeState.Restoring:
                    _state = RuntimeState.Ready;
                    notify = SettleRestoreUnsafe() ? FrameKind.RestoreComplete : null;
                    break;
                case RuntimeState.ResponseSent:
                    _state = RuntimeState.Ready;
                    break;
                case RuntimeState.Ready:
                    break;
                case RuntimeState.Running:
                    // RuntimeRunningState.Ready() returns nil: RAPID renders the current event again.
                    return new NextOutcome(_current, null);
                default:
                    return new NextOutcome(null, _state);
            }
        }

        if (notify is { } kind)
        {
            _notifier.Notify(kind, null, default);
        }

        var waiter = new NextWaiter(isClientGone);
        List<(NextWaiter, Invocation?)>? handOver;
        lock (_gate)
        {
            waiter.Node = _nextWaiters.AddLast(waiter);
            handOver = DispatchUnsafe();
        }

        Complete(handOver);

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (waiter.Node?.List is not null)
                {
                    _nextWaiters.Remove(waiter.Node);
                }
            }

            // Not inline: the continuation disposes this very registration.
            ThreadPool.UnsafeQueueUserWorkItem(_ => waiter.Completion.TrySetCanceled(cancellationToken), null);
        });
        return new NextOutcome(await waiter.Completion.Task.ConfigureAwait(false), null);
    }

    /// <summary>
    /// <c>GET restore/next</c>: valid only as the runtime's first call. Sends <c>SnapshotReady</c> (after draining its
    /// output) and completes when the host's <c>Restore</c> frame arrives; null then, else the state that forbids it.
    /// </summary>
    public async Task<RuntimeState?> RestoreNextAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource release;
        lock (_gate)
        {
            if (_state != RuntimeState.Started)
            {
                return _state;
            }

            _state = RuntimeState.RestoreReady;
            release = _restoreRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _notifier.Notify(FrameKind.SnapshotReady, null, default);
        await release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>RAPID <c>AwsRequestIDValidator</c>: the id must be the current invocation's.</summary>
    public bool IsCurrentInvocation(string requestId)
    {
        lock (_gate)
        {
            return requestId.Length > 0 && _current is not null && string.Equals(requestId, _current.RequestId, StringComparison.Ordinal);
        }
    }

    /// <summary>Running → InvocationResponse; false with the current state otherwise.</summary>
    public bool TryBeginResponse(out RuntimeState current) => TryTransition(RuntimeState.Running, RuntimeState.InvocationResponse, out current);

    /// <summary>Running → InvocationErrorResponse; false with the current state otherwise.</summary>
    public bool TryBeginErrorResponse(out RuntimeState current) => TryTransition(RuntimeState.Running, RuntimeState.InvocationErrorResponse, out current);

    /// <summary>The response (or error) was forwarded: → RuntimeResponseSentState.</summary>
    public void CompleteResponse()
    {
        lock (_gate)
        {
            if (_state is RuntimeState.InvocationResponse or RuntimeState.InvocationErrorResponse)
            {
                _state = RuntimeState.ResponseSent;
            }
        }
    }

    /// <summary>
    /// <c>POST init/error</c>: Started → InitError; while Restoring it is a restore error (RAPID's legacy path).
    /// </summary>
    public InitErrorOutcome InitError(out RuntimeState current)
    {
        lock (_gate)
        {
            current = _state;
            switch (_state)
            {
                case RuntimeState.Restoring:
                    _state = RuntimeState.RestoreError;
                    return SettleRestoreUnsafe() ? InitErrorOutcome.RestoreError : InitErrorOutcome.AlreadyReported;
                case RuntimeState.Started:
                    _state = RuntimeState.InitError;
                    return InitErrorOutcome.InitError;
                default:
                    return InitErrorOutcome.Forbidden;
            }
        }
    }

    /// <summary><c>POST restore/error</c>: Restoring → RuntimeRestoreErrorState. Returns whether the host must hear of it.</summary>
    public bool TryRestoreError(out RuntimeState current, out bool report)
    {
        lock (_gate)
        {
            current = _state;
            report = false;
            if (_state != RuntimeState.Restoring)
            {
                return false;
            }

            _state = RuntimeState.RestoreError;
            report = SettleRestoreUnsafe();
            return true;
        }
    }

    private bool TryTransition(RuntimeState from, RuntimeState to, out RuntimeState current)
    {
        lock (_gate)
        {
            current = _state;
            if (_state != from)
            {
                return false;
            }

            _state = to;
            return true;
        }
    }

    /// <summary>
    /// Pairs queued events with parked calls (oldest first). The waiters are completed by <see cref="Complete"/>
    /// after the lock is released, because their continuations run inline: the thread that delivers an event
    /// writes the HTTP response itself instead of waking a thread-pool worker to do it.
    /// </summary>
    private List<(NextWaiter, Invocation?)>? DispatchUnsafe()
    {
        List<(NextWaiter, Invocation?)>? handOver = null;
        while (_state == RuntimeState.Ready && _pendingInvocations.Count > 0 && _nextWaiters.First is { } node)
        {
            _nextWaiters.RemoveFirst();
            var waiter = node.Value;
            handOver ??= [];
            if (waiter.IsClientGone())
            {
                // The runtime gave up on this call (closed the connection); the event goes to a live one.
                handOver.Add((waiter, null));
                continue;
            }

            var invocation = _pendingInvocations.Dequeue();
            _state = RuntimeState.Running;
            _current = invocation;
            handOver.Add((waiter, invocation));
        }

        return handOver;
    }

    private static void Complete(List<(NextWaiter Waiter, Invocation? Invocation)>? handOver)
    {
        if (handOver is null)
        {
            return;
        }

        foreach (var (waiter, invocation) in handOver)
        {
            if (invocation is null)
            {
                waiter.Completion.TrySetCanceled();
            }
            else
            {
                waiter.Completion.TrySetResult(invocation);
            }
        }
    }

    /// <summary>Marks the restore phase decided; true the first time (only one outcome reaches the host).</summary>
    private bool SettleRestoreUnsafe()
    {
        _restoreTimer?.Dispose();
        _restoreTimer = null;
        if (_restoreSettled)
        {
            return false;
        }

        _restoreSettled = true;
        return true;
    }

    private void OnRestoreTimeout(long timeoutMs)
    {
        lock (_gate)
        {
            if (_state != RuntimeState.Restoring || !SettleRestoreUnsafe())
            {
                return;
            }
        }

        var header = new Dictionary<string, object?> { [FrameFields.ErrorType] = ErrorTypes.RuntimeRestoreHookUserTimeout, [FrameFields.ContentType] = RuntimeApiWire.ContentTypeJson };
        var body = new StringBuilder();
        body.Append("{\"errorType\":\"").Append(ErrorTypes.RuntimeRestoreHookUserTimeout).Append("\",\"errorMessage\":");
        GoJson.AppendString(body, $"The runtime did not call invocation/next within the restore hook timeout of {timeoutMs} ms.");
        body.Append('}');
        _notifier.Notify(FrameKind.RestoreError, header, Encoding.UTF8.GetBytes(body.ToString()));
    }

    private sealed class NextWaiter
    {
        public NextWaiter(Func<bool> isClientGone) => IsClientGone = isClientGone;

        public Func<bool> IsClientGone { get; }

        // Continuations run on the completing thread, never under the state machine's lock (see DispatchUnsafe).
        public TaskCompletionSource<Invocation> Completion { get; } = new();

        public LinkedListNode<NextWaiter>? Node { get; set; }
    }
}
