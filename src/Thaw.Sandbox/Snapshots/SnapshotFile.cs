namespace Thaw.Sandbox.Snapshots;

/// <summary>One image file: its name inside the snapshot directory, size and lower-case hex sha256.</summary>
internal sealed record SnapshotFile(string Name, long Size, string Sha256);
