using Thaw.Cli.Api.Model;
using Thaw.Cli.Common;

namespace Thaw.Cli.Api;

/// <summary>Polls GetFunctionConfiguration until a function or version settles, as the AWS CLI's waiters do.</summary>
internal sealed class FunctionWaiter(LambdaClient lambda, TimeProvider time, TimeSpan pollInterval)
{
    /// <summary>Deploys and publishes (with N Inits and CRIU dumps) may take minutes on a small machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Ready for use: <c>State</c> Active and <c>LastUpdateStatus</c> Successful (or not reported).</summary>
    public static bool IsReady(FunctionConfiguration c) =>
        c.State == WireNames.StateActive && (c.LastUpdateStatus is null or WireNames.UpdateSuccessful);

    /// <summary>No longer <c>Pending</c> (what publish waits for: Active, or Failed with a reason).</summary>
    public static bool IsSettled(FunctionConfiguration c) => c.State != WireNames.StatePending && c.LastUpdateStatus != WireNames.UpdateInProgress;

    /// <summary>
    /// Polls until <paramref name="done"/> holds. A Failed state or update throws with the host's reason, unless
    /// <paramref name="acceptFailure"/> (publish reports a Failed version itself).
    /// </summary>
    public async Task<FunctionConfiguration> WaitAsync(
        string name,
        string? qualifier,
        Func<FunctionConfiguration, bool> done,
        Action<FunctionConfiguration>? progress,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        bool acceptFailure = false)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        FunctionConfiguration? last = null;
        try
        {
            while (true)
            {
                last = await lambda.GetFunctionConfigurationAsync(name, qualifier, linked.Token);
                progress?.Invoke(last);
                if (!acceptFailure)
                {
                    ThrowIfFailed(last);
                }

                if (done(last) || (acceptFailure && last.State == WireNames.StateFailed))
                {
                    return last;
                }

                await Task.Delay(pollInterval, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var where = qualifier is null ? name : $"{name}:{qualifier}";
            throw new TimeoutException(
                $"{where} did not settle within {timeout.TotalMinutes:0.#} min (State {last?.State ?? "?"}, LastUpdateStatus {last?.LastUpdateStatus ?? "?"}).");
        }
    }

    public static void ThrowIfFailed(FunctionConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.State == WireNames.StateFailed)
        {
            throw new CliException($"{c.FunctionName} is Failed: {c.StateReason ?? "no reason given"}{Code(c.StateReasonCode)}");
        }

        if (c.LastUpdateStatus == WireNames.UpdateFailed)
        {
            throw new CliException($"The update of {c.FunctionName} failed: {c.LastUpdateStatusReason ?? "no reason given"}{Code(c.LastUpdateStatusReasonCode)}");
        }
    }

    private static string Code(string? code) => string.IsNullOrEmpty(code) ? string.Empty : $" ({code})";
}
