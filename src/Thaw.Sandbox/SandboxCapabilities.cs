namespace Thaw.Sandbox;

/// <summary>What this machine lets the sandbox do, with the reason when it cannot.</summary>
/// <param name="CanIsolate">Namespaces, cgroups and mounts work (root on Linux).</param>
/// <param name="IsolationProblem">Why isolation is unavailable, or null.</param>
/// <param name="CanSnapshot">A CRIU that passes its checks is present.</param>
/// <param name="SnapshotProblem">Why snapshots are unavailable, or null.</param>
/// <param name="CriuPath">The CRIU binary in use, or null.</param>
/// <param name="CriuVersion">Its version string, or null.</param>
public sealed record SandboxCapabilities(bool CanIsolate, string? IsolationProblem, bool CanSnapshot, string? SnapshotProblem, string? CriuPath, string? CriuVersion);
