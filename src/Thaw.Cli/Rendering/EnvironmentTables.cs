using Spectre.Console;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Rendering;

/// <summary>Tables of execution environments (Thaw extension, not in Lambda).</summary>
internal static class EnvironmentTables
{
    /// <param name="environments">The environments.</param>
    /// <param name="bySnapshot">Group the rows by snapshot, so that environments sharing one (and its MACs) sit together.</param>
    public static Table List(IEnumerable<EnvironmentRecord> environments, bool bySnapshot = false)
    {
        var table = Tables.Create("Environment", "Function", "Version", "State", "PID", "MACs", "Snapshot", "Init", "Started", "Last used");
        table.Columns[5].NoWrap = true;
        var ordered = bySnapshot ? Order(environments).OrderBy(e => e.SnapshotId, StringComparer.Ordinal) : Order(environments);
        foreach (var e in ordered)
        {
            Tables.AddRow(
                table,
                Format.ShortId(e.EnvironmentId),
                Format.Text(e.FunctionName),
                Format.Text(e.Version),
                Format.Text(e.State),
                Format.Number(e.HostPid),
                Format.Interfaces(e.Interfaces),
                Format.ShortId(e.SnapshotId),
                Format.Text(e.InitType),
                Format.Time(e.StartedAt),
                Format.Time(e.LastUsedAt));
        }

        return table;
    }

    public static IEnumerable<EnvironmentRecord> Order(IEnumerable<EnvironmentRecord> environments) =>
        environments
            .OrderBy(e => e.FunctionName, StringComparer.Ordinal)
            .ThenBy(e => Format.VersionKey(e.Version))
            .ThenBy(e => e.StartedAt)
            .ThenBy(e => e.EnvironmentId, StringComparer.Ordinal);
}
