using Spectre.Console;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Rendering;

/// <summary>Tables of snapshots and their lineage (Thaw extension, not in Lambda).</summary>
internal static class SnapshotTables
{
    public static Table List(IEnumerable<SnapshotRecord> snapshots)
    {
        var table = Tables.Create("Snapshot", "Version", "Status", "Init environment", "Init log stream", "MACs at Init", "Init", "Size", "Created", "Last restored", "Restores");
        table.Columns[5].NoWrap = true;
        foreach (var s in Order(snapshots))
        {
            Tables.AddRow(
                table,
                Format.ShortId(s.SnapshotId),
                Format.Text(s.Version),
                Format.Text(s.Status),
                Format.ShortId(s.InitEnvironmentId),
                Format.Text(s.InitLogStreamName),
                Format.Interfaces(s.Interfaces),
                Format.Milliseconds(s.InitDurationMs),
                Format.Bytes(s.SizeBytes),
                Format.Time(s.CreatedAt),
                Format.Time(s.LastRestoredAt),
                Format.Number(s.Restores));
        }

        return table;
    }

    public static IEnumerable<SnapshotRecord> Order(IEnumerable<SnapshotRecord> snapshots) =>
        snapshots
            .OrderBy(s => s.FunctionName, StringComparer.Ordinal)
            .ThenBy(s => Format.VersionKey(s.Version))
            .ThenBy(s => s.CreatedAt)
            .ThenBy(s => s.SnapshotId, StringComparer.Ordinal);
}
