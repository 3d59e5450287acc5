using System.Text.Json.Nodes;

namespace Thaw.Cli.Tests.Support;

/// <summary>Extension-endpoint records shaped as the host writes them (PascalCase, ISO timestamps, lower-case colon MACs).</summary>
internal static class Samples
{
    public static JsonObject Snapshot(string id, string version, string initEnv, string telemetryMac, string vinternalMac, int restores = 0) => new()
    {
        ["SnapshotId"] = id,
        ["FunctionName"] = "probe",
        ["Version"] = version,
        ["Status"] = "Ready",
        ["InitEnvironmentId"] = initEnv,
        ["InitLogStreamName"] = $"2026/12/04/[{version}]{initEnv}",
        ["Interfaces"] = Interfaces(telemetryMac, vinternalMac),
        ["InitDurationMs"] = 841.67,
        ["SizeBytes"] = 52_428_800,
        ["CreatedAt"] = "2026-12-04T16:00:00+00:00",
        ["LastRestoredAt"] = null,
        ["Restores"] = restores,
    };

    public static JsonObject Environment(string id, string version, string? snapshotId, string telemetryMac, string vinternalMac) => new()
    {
        ["EnvironmentId"] = id,
        ["FunctionName"] = "probe",
        ["Version"] = version,
        ["State"] = "Idle",
        ["HostPid"] = 4242,
        ["Interfaces"] = Interfaces(telemetryMac, vinternalMac),
        ["SnapshotId"] = snapshotId,
        ["InitType"] = snapshotId is null ? "on-demand" : "snap-start",
        ["StartedAt"] = "2026-12-04T16:01:02.5+00:00",
        ["LastUsedAt"] = 1_796_400_000_000,
        ["LogStreamName"] = $"2026/12/04/[{version}]{id}",
    };

    private static JsonArray Interfaces(string telemetryMac, string vinternalMac) =>
    [
        new JsonObject { ["Name"] = "lo", ["MacAddress"] = string.Empty },
        new JsonObject { ["Name"] = "telemetry1_sb", ["MacAddress"] = telemetryMac },
        new JsonObject { ["Name"] = "vinternal_1", ["MacAddress"] = vinternalMac },
    ];
}
