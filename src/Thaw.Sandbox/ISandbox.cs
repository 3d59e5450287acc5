namespace Thaw.Sandbox;

/// <summary>Creates, snapshots and restores execution environments.</summary>
public interface ISandbox
{
    /// <summary>What works on this machine; computed once.</summary>
    SandboxCapabilities Capabilities { get; }

    /// <summary>Starts a fresh environment; returns once the agent is running (its first frame is <c>Started</c>).</summary>
    Task<IExecutionEnvironment> StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Dumps a whole environment (after its agent sent <c>SnapshotReady</c>) into <paramref name="directory"/>,
    /// which must not exist yet: images are written to a sibling temporary directory, a <c>manifest.json</c>
    /// with every file's sha256 is added, and only then is it renamed into place. The environment is gone afterwards.
    /// </summary>
    Task<SnapshotImage> SnapshotAsync(IExecutionEnvironment environment, string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies the manifest of <paramref name="directory"/> and restores a clone into fresh namespaces. The clone's
    /// runtime is still blocked in <c>restore/next</c>: the caller sends <c>Restore</c> next.
    /// </summary>
    /// <exception cref="SnapshotCorruptException">A file is missing or its hash differs; nothing was restored.</exception>
    Task<IExecutionEnvironment> RestoreAsync(string directory, RestoreSpec spec, CancellationToken cancellationToken);

    /// <summary>Reads the manifest of a snapshot directory, or throws <see cref="SnapshotCorruptException"/>.</summary>
    SnapshotImage ReadSnapshot(string directory);
}
