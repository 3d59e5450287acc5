using Thaw.Host.Api;

namespace Thaw.Host.Environments;

/// <summary>
/// Every live environment of the host, and the concurrency accounting. One invocation per environment at a time;
/// a request takes the most recently used idle environment of its version (Lambda reuses warm environments
/// MRU-first), else it reserves a slot for a cold start, within the function's reserved concurrency and the
/// account limit. Idle environments do not count against concurrency; they are reclaimed after the idle timeout.
/// </summary>
internal sealed class EnvironmentPool
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FunctionKey, List<ManagedEnvironment>> _idle = [];
    private readonly Dictionary<string, int> _activeByFunction = [];
    private readonly HashSet<ManagedEnvironment> _all = [];
    private readonly int _accountLimit;
    private int _active;

    public EnvironmentPool(int accountLimit)
    {
        _accountLimit = accountLimit;
    }

    /// <summary>Takes a warm environment or reserves a slot for a new one (then returns null).</summary>
    /// <exception cref="LambdaApiException">TooManyRequestsException when over the function's or the account's limit.</exception>
    public ManagedEnvironment? Acquire(FunctionKey key, int? reservedConcurrency)
    {
        lock (_gate)
        {
            var functionActive = _activeByFunction.GetValueOrDefault(key.FunctionName);
            if (reservedConcurrency is { } reserved && functionActive >= reserved)
            {
                throw new LambdaApiException(LambdaErrorCodes.TooManyRequests, "Rate Exceeded.", "ReservedFunctionConcurrentInvocationLimitExceeded");
            }

            if (_active >= _accountLimit)
            {
                throw new LambdaApiException(LambdaErrorCodes.TooManyRequests, "Rate Exceeded.", "ConcurrentInvocationLimitExceeded");
            }

            _active++;
            _activeByFunction[key.FunctionName] = functionActive + 1;
            if (_idle.TryGetValue(key, out var stack))
            {
                while (stack.Count > 0)
                {
                    var env = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (!env.IsDead)
                    {
                        env.State = EnvironmentState.Busy;
                        return env;
                    }

                    _all.Remove(env);
                }
            }

            return null;
        }
    }

    /// <summary>Registers a new environment (cold start or publish-time Init) so that listings and shutdown see it.</summary>
    public void Track(ManagedEnvironment env)
    {
        lock (_gate)
        {
            _all.Add(env);
        }
    }

    /// <summary>Gives back the slot taken by <see cref="Acquire"/>; a healthy environment becomes idle (most recent on top).</summary>
    public void Release(FunctionKey key, ManagedEnvironment? env, DateTimeOffset now)
    {
        lock (_gate)
        {
            _active--;
            _activeByFunction[key.FunctionName] = _activeByFunction.GetValueOrDefault(key.FunctionName) - 1;
            if (env is null)
            {
                return;
            }

            if (env.IsDead)
            {
                _all.Remove(env);
                return;
            }

            env.State = EnvironmentState.Idle;
            env.LastUsedAt = now;
            if (!_idle.TryGetValue(key, out var stack))
            {
                _idle[key] = stack = [];
            }

            stack.Add(env);
        }
    }

    /// <summary>Adds an environment made ahead of demand (no slot was taken for it) to the idle set.</summary>
    public void AddIdle(FunctionKey key, ManagedEnvironment env, DateTimeOffset now)
    {
        lock (_gate)
        {
            env.State = EnvironmentState.Idle;
            env.LastUsedAt = now;
            if (!_idle.TryGetValue(key, out var stack))
            {
                _idle[key] = stack = [];
            }

            // At the bottom: warm environments that have served requests stay the most recently used.
            stack.Insert(0, env);
        }
    }

    /// <summary>Idle environments of <paramref name="key"/> restored ahead of demand and not used yet.</summary>
    public int CountReady(FunctionKey key)
    {
        lock (_gate)
        {
            return _idle.TryGetValue(key, out var stack) ? stack.Count(e => e.PendingRestore is not null && !e.IsDead) : 0;
        }
    }

    public void Forget(ManagedEnvironment env)
    {
        lock (_gate)
        {
            _all.Remove(env);
        }
    }

    /// <summary>Removes and returns the idle environments that match <paramref name="predicate"/> (and any that died).</summary>
    public List<ManagedEnvironment> TakeIdle(Func<ManagedEnvironment, bool> predicate)
    {
        lock (_gate)
        {
            var taken = new List<ManagedEnvironment>();
            foreach (var stack in _idle.Values)
            {
                for (var i = stack.Count - 1; i >= 0; i--)
                {
                    if (predicate(stack[i]) || stack[i].IsDead)
                    {
                        taken.Add(stack[i]);
                        _all.Remove(stack[i]);
                        stack.RemoveAt(i);
                    }
                }
            }

            return taken;
        }
    }

    public List<ManagedEnvironment> Snapshot()
    {
        lock (_gate)
        {
            return [.. _all];
        }
    }

    public List<ManagedEnvironment> TakeAll()
    {
        lock (_gate)
        {
            var all = _all.ToList();
            _all.Clear();
            _idle.Clear();
            return all;
        }
    }
}
