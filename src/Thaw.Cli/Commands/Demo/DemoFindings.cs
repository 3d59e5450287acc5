using Thaw.Cli.Api;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Commands.Demo;

/// <summary>
/// Explains the run in the seed's terms (../shared/seed/README.md): cold starts served by restores, restored
/// environments keeping the snapshot's MACs, several environments sharing one snapshot and so one MAC, and the line
/// counts of the Insights query. Every sentence is computed from what was observed, so a different outcome reads differently.
/// </summary>
internal static class DemoFindings
{
    /// <summary>Lines the probe prints per cold start (after restore: file + live list; handler: both again; 2 interfaces each).</summary>
    public const int LinesPerColdStart = 8;

    /// <summary>Lines per warm start (handler only).</summary>
    public const int LinesPerWarmStart = 4;

    public static IReadOnlyList<string> Explain(DemoObservations o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var findings = new List<string>();
        var snapshots = o.Snapshots ?? [];
        var environments = o.Environments ?? [];
        var succeeded = o.Requests.Count(r => r.Succeeded);

        if (o.InitStarts is { } inits)
        {
            findings.Add(
                $"Publishing ran Init {inits} time(s) (INIT_START lines) and left {snapshots.Count} snapshot(s); the seed saw 10 Inits at one publish. "
                + "Each Init is a separate environment with its own MACs.");
        }

        findings.Add($"{succeeded} of {o.Requests.Count} concurrent requests succeeded.");
        if (o.RestoreReports is { } restores)
        {
            var warm = Math.Max(0, succeeded - restores);
            findings.Add(
                $"RESTORE_REPORT count: {restores}. So {restores} request(s) were cold starts served by restoring a snapshot and {warm} reused a warm environment "
                + "(the seed: 29 restores out of 30).");
        }

        var restored = environments.Where(e => !string.IsNullOrEmpty(e.SnapshotId)).ToList();
        var byId = snapshots.Where(s => s.SnapshotId is not null).GroupBy(s => s.SnapshotId!).ToDictionary(g => g.Key, g => g.First());
        if (restored.Count > 0)
        {
            var compared = restored.Where(e => e.SnapshotId is not null && byId.ContainsKey(e.SnapshotId)).ToList();
            var same = compared.Count(e => Macs(e.Interfaces).SetEquals(Macs(byId[e.SnapshotId!].Interfaces)));
            findings.Add(o.NetworkIdentity == WireNames.NetworkIdentityRegenerate
                ? $"Network identity 'regenerate': {compared.Count - same} of {compared.Count} restored environments got fresh MACs instead of their snapshot's (what the seed's Lambda did not do)."
                : $"Network identity 'preserve': {same} of {compared.Count} restored environments run with exactly the MACs recorded when their snapshot's Init ran. "
                  + "As the seed found (finding 1), a restored environment keeps the network identity the snapshot was taken with.");

            var groups = restored.GroupBy(e => e.SnapshotId!).OrderByDescending(g => g.Count()).ToList();
            findings.Add(
                $"The {restored.Count} restored environments came from {groups.Count} of the {snapshots.Count} snapshots; the busiest snapshot served {groups[0].Count()} "
                + $"(snapshot {Rendering.Format.ShortId(groups[0].Key)}).");

            var sharedMacs = restored
                .SelectMany(e => (e.Interfaces ?? []).Where(i => !string.IsNullOrEmpty(i.MacAddress)).Select(i => (i.Name, i.MacAddress, e.EnvironmentId)))
                .GroupBy(x => (x.Name, x.MacAddress))
                .Where(g => g.Select(x => x.EnvironmentId).Distinct().Count() > 1)
                .ToList();
            findings.Add(sharedMacs.Count == 0
                ? "No two live environments share a MAC address."
                : $"{sharedMacs.Count} MAC address(es) are each in use by several live environments at once (up to {sharedMacs.Max(g => g.Select(x => x.EnvironmentId).Distinct().Count())}): "
                  + "environments restored from the same snapshot share its MACs, as the seed's 29 environments shared 5 network identities (finding 4).");
        }

        if (o.MacCounts is { } macs)
        {
            var perInterface = macs.GroupBy(m => m.Interface).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Select(m => m.MacAddress).Distinct().Count()} on {g.Key}").ToList();
            var lines = macs.Sum(m => m.Lines);
            var line = $"The seed's MAC query found {(perInterface.Count == 0 ? "no MACs" : string.Join(" and ", perInterface))} in {lines} log lines (the seed: 5 per interface, 236 lines = 29 × 8 + 1 × 4).";
            if (o.RestoreReports is { } r)
            {
                var warm = Math.Max(0, succeeded - r);
                var expected = (r * LinesPerColdStart) + (warm * LinesPerWarmStart);
                line += expected == lines
                    ? $" That is {r} × {LinesPerColdStart} + {warm} × {LinesPerWarmStart}: {LinesPerColdStart} lines per cold start (after restore and in the handler), {LinesPerWarmStart} per warm start."
                    : lines < expected
                        ? $" A count of {r} × {LinesPerColdStart} + {warm} × {LinesPerWarmStart} = {expected} was expected: fewer means the after-restore hook did not print, or /tmp/macaddr.txt (written before the snapshot) was not there to be read."
                        : $" A count of {r} × {LinesPerColdStart} + {warm} × {LinesPerWarmStart} = {expected} was expected: more means other invocations printed in the same window.";
            }

            findings.Add(line);
        }

        if (snapshots.Count > 0)
        {
            var withLineage = snapshots.Count(s => !string.IsNullOrEmpty(s.InitEnvironmentId));
            findings.Add(
                $"What Lambda hides (seed finding 2: the restored MACs matched none of the Init MACs and nothing said which Init made which snapshot): here {withLineage} of {snapshots.Count} snapshots "
                + "name the Init environment and log stream they came from with its MACs, and every environment names the snapshot it was restored from.");
        }

        return findings;
    }

    /// <summary>The host reports <c>02:ab:…</c>, the probe prints <c>02-AB-…</c>; compare them as one.</summary>
    public static string NormalizeMac(string mac) => mac.Trim().Replace(':', '-').ToUpperInvariant();

    private static HashSet<string> Macs(IEnumerable<NetworkInterfaceRecord>? interfaces) =>
        (interfaces ?? []).Where(i => !string.IsNullOrEmpty(i.MacAddress)).Select(i => $"{i.Name}={NormalizeMac(i.MacAddress!)}").ToHashSet(StringComparer.Ordinal);
}
