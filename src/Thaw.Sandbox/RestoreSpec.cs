namespace Thaw.Sandbox;

/// <summary>How one clone is restored from a snapshot.</summary>
public sealed record RestoreSpec
{
    /// <summary>The new environment's id (32 hex digits).</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>Memory limit of the clone's cgroup, in MB.</summary>
    public int MemoryMb { get; init; } = 128;

    /// <summary>When true, fresh random MACs are set before the restored tree resumes; otherwise the snapshot's are kept.</summary>
    public bool RegenerateNetworkIdentity { get; init; }
}
