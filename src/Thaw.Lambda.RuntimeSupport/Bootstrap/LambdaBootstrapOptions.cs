using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.Logging;

namespace Thaw.Lambda.RuntimeSupport.Bootstrap;

/// <summary>What a bootstrap depends on; the public constructors take the process's own, tests supply theirs.</summary>
internal sealed class LambdaBootstrapOptions
{
    public required LambdaEnvironment Environment { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required LambdaLogFormatter Formatter { get; init; }

    /// <summary>Ends the process (Environment.Exit in production); called after an Init failure under SnapStart.</summary>
    public required Action<int> Exit { get; init; }

    /// <summary>Where before-snapshot and after-restore hooks come from, in registration order.</summary>
    public required Func<(List<Func<ValueTask>> BeforeSnapshot, List<Func<ValueTask>> AfterRestore)> DrainHooks { get; init; }

    /// <summary>Whether to set the GC heap hard limit from the function's memory size (only for a real runtime process).</summary>
    public bool AdjustMemorySettings { get; init; }
}
