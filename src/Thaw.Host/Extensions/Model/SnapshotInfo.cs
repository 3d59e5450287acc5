using Thaw.Sandbox;

namespace Thaw.Host.Extensions.Model;

/// <summary>One snapshot and the Init it came from, as <c>GET /thaw/v1/functions/{name}/snapshots</c> shows it.</summary>
internal sealed record SnapshotInfo(
    string SnapshotId,
    string FunctionName,
    string Version,
    string Status,
    string InitEnvironmentId,
    string InitLogStreamName,
    IReadOnlyList<NetworkInterfaceInfo> Interfaces,
    double InitDurationMs,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastRestoredAt,
    long Restores);
