using Thaw.Sandbox;

namespace Thaw.Host.Extensions.Model;

/// <summary>One environment as <c>GET /thaw/v1/environments</c> shows it: identity, lineage and state.</summary>
internal sealed record EnvironmentInfo(
    string EnvironmentId,
    string FunctionName,
    string Version,
    string State,
    int HostPid,
    IReadOnlyList<NetworkInterfaceInfo> Interfaces,
    string? SnapshotId,
    string InitType,
    DateTimeOffset StartedAt,
    DateTimeOffset LastUsedAt,
    string LogStreamName,
    long Invocations,
    bool RestoredAhead);
