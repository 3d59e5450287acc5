using System.Collections.Concurrent;

namespace Thaw.Lambda.Core;

/// <summary>
/// SnapStart runtime hooks. Before-snapshot hooks run in reverse registration order just before the snapshot;
/// after-restore hooks run in registration order when an environment is restored from it. Register them during
/// Init (handler class constructor, or before <c>RunAsync</c> in an executable function).
/// </summary>
public static class SnapshotRestore
{
    private static readonly ConcurrentQueue<Func<ValueTask>> BeforeSnapshot = new();
    private static readonly ConcurrentQueue<Func<ValueTask>> AfterRestore = new();

    /// <summary>Registers a hook to run before the snapshot is taken.</summary>
    public static void RegisterBeforeSnapshot(Func<ValueTask> beforeSnapshotAction)
    {
        ArgumentNullException.ThrowIfNull(beforeSnapshotAction);
        BeforeSnapshot.Enqueue(beforeSnapshotAction);
    }

    /// <summary>Registers a hook to run after the environment is restored from the snapshot.</summary>
    public static void RegisterAfterRestore(Func<ValueTask> afterRestoreAction)
    {
        ArgumentNullException.ThrowIfNull(afterRestoreAction);
        AfterRestore.Enqueue(afterRestoreAction);
    }

    // The runtime drains both queues once, when Init is complete (as Amazon's CopySnapshotCallbacks does).
    internal static List<Func<ValueTask>> DrainBeforeSnapshot() => Drain(BeforeSnapshot);

    internal static List<Func<ValueTask>> DrainAfterRestore() => Drain(AfterRestore);

    private static List<Func<ValueTask>> Drain(ConcurrentQueue<Func<ValueTask>> queue)
    {
        var hooks = new List<Func<ValueTask>>();
        while (queue.TryDequeue(out var hook))
        {
            hooks.Add(hook);
        }

        return hooks;
    }
}
