using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Thaw.Host.Api;
using Thaw.Host.ControlPlane;
using Thaw.Host.State;

namespace Thaw.Host.Invocation;

/// <summary>
/// <c>Event</c> invocations: accepted into a SQLite-backed queue (so they survive a host restart) and run in the
/// background; a function error or throttle is retried twice, as Lambda does for asynchronous invocations.
/// </summary>
internal sealed partial class AsyncInvocationQueue : BackgroundService
{
    private const int MaxAttempts = 3;
    private const int MaxInFlight = 64;

    private readonly StateStore _state;
    private readonly FunctionService _functions;
    private readonly Invoker _invoker;
    private readonly TimeProvider _time;
    private readonly ILogger<AsyncInvocationQueue> _logger;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly HashSet<string> _inFlight = [];
    private readonly Lock _gate = new();

    public AsyncInvocationQueue(StateStore state, FunctionService functions, Invoker invoker, TimeProvider time, ILogger<AsyncInvocationQueue> logger)
    {
        _state = state;
        _functions = functions;
        _invoker = invoker;
        _time = time;
        _logger = logger;
    }

    /// <summary>Durably accepts an event; returns the request id.</summary>
    public string Enqueue(string function, string qualifier, byte[] payload)
    {
        var id = Guid.NewGuid().ToString();
        _state.Enqueue(id, function, qualifier, payload, _time.GetUtcNow());
        _signal.Release();
        return id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var item in _state.PendingAsync(MaxInFlight))
            {
                lock (_gate)
                {
                    if (_inFlight.Count >= MaxInFlight || !_inFlight.Add(item.Id))
                    {
                        continue;
                    }
                }

                _ = Task.Run(() => RunAsync(item.Id, item.Function, item.Qualifier, item.Payload, item.Attempts, stoppingToken), CancellationToken.None);
            }

            try
            {
                await _signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(string id, string function, string qualifier, byte[] payload, int attempts, CancellationToken stoppingToken)
    {
        var done = false;
        try
        {
            var target = _functions.Resolve(function, qualifier);
            var result = await _invoker.InvokeAsync(target, payload, null, false, stoppingToken);
            done = result.FunctionError is null || attempts + 1 >= MaxAttempts;
            if (result.FunctionError is not null)
            {
                LogFailed(_logger, id, function, attempts + 1);
            }
        }
        catch (LambdaApiException ex) when (ex.Code == LambdaErrorCodes.ResourceNotFound)
        {
            done = true;
        }
        catch (LambdaApiException ex)
        {
            done = attempts + 1 >= MaxAttempts;
            LogThrottled(_logger, ex, id, function);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stays queued; the next host run picks it up.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            done = attempts + 1 >= MaxAttempts;
            LogThrottled(_logger, ex, id, function);
        }
        finally
        {
            if (done)
            {
                _state.CompleteAsync(id);
            }
            else if (!stoppingToken.IsCancellationRequested)
            {
                _state.CountAsyncAttempt(id);
                // Lambda waits a minute or two between retries; locally a short back-off keeps tests quick.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1 << attempts), _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                }
            }

            lock (_gate)
            {
                _inFlight.Remove(id);
            }

            _signal.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous invocation {Id} of {Function} failed (attempt {Attempt})")]
    private static partial void LogFailed(ILogger logger, string id, string function, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous invocation {Id} of {Function} could not run")]
    private static partial void LogThrottled(ILogger logger, Exception ex, string id, string function);
}
