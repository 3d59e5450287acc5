namespace Thaw.Sandbox.Snapshots;

/// <summary>
/// <c>manifest.json</c> of a snapshot directory: what was dumped, from where, and the hash of every image file.
/// A snapshot whose files do not match it is never restored.
/// </summary>
internal sealed record SnapshotManifest
{
    public const int CurrentFormat = 1;

    public required int Format { get; init; }

    public required string EnvironmentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CriuVersion { get; init; }

    /// <summary>Host directory that was bind-mounted at /var/task (CRIU external mount <c>thaw-task</c>).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>Host directory bind-mounted at /var/runtime (external <c>thaw-runtime</c>), or null.</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>Inodes of the agent's stdin/stdout/stderr pipes at dump time, for <c>--inherit-fd</c>.</summary>
    public required SnapshotPipes Pipes { get; init; }

    public required IReadOnlyList<NetworkInterfaceInfo> Interfaces { get; init; }

    public required IReadOnlyList<SnapshotFile> Files { get; init; }
}
