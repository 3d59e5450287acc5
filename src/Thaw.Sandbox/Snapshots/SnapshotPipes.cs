namespace Thaw.Sandbox.Snapshots;

/// <summary>Pipe inodes of the agent's descriptors 0, 1 and 2 when it was dumped.</summary>
internal sealed record SnapshotPipes(long Stdin, long Stdout, long Stderr);
