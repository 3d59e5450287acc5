namespace Thaw.Host.Extensions.Model;

internal sealed record SnapshotList(IReadOnlyList<SnapshotInfo> Snapshots);
