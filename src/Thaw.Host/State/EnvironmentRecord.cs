using Thaw.Sandbox;

namespace Thaw.Host.State;

/// <summary>The durable identity of an environment, kept after it is gone (lineage).</summary>
internal sealed record EnvironmentRecord
{
    public required string EnvironmentId { get; init; }

    public required string FunctionName { get; init; }

    public required string Version { get; init; }

    /// <summary><c>on-demand</c>, <c>snap-start</c> (an Init that ends in a snapshot) or <c>restore</c>.</summary>
    public required string InitType { get; init; }

    public string? SnapshotId { get; init; }

    public required string LogStreamName { get; init; }

    public IReadOnlyList<NetworkInterfaceInfo> Interfaces { get; init; } = [];

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? EndReason { get; init; }
}
