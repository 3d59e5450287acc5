using Thaw.Sandbox;

namespace Thaw.Host.State;

/// <summary>A snapshot and its lineage: which Init made it.</summary>
internal sealed record SnapshotRecord
{
    public required string SnapshotId { get; init; }

    public required string FunctionName { get; init; }

    public required string Version { get; init; }

    public required string Directory { get; init; }

    public required string InitEnvironmentId { get; init; }

    public required string InitLogStreamName { get; init; }

    public required IReadOnlyList<NetworkInterfaceInfo> Interfaces { get; init; }

    public double InitDurationMs { get; init; }

    public long SizeBytes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastRestoredAt { get; init; }

    public long Restores { get; init; }

    /// <summary><c>Ready</c>, or <c>Dropped</c> once found corrupt or expired.</summary>
    public string Status { get; init; } = "Ready";
}
