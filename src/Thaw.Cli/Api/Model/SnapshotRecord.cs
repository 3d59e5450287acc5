using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>One snapshot with its lineage, from <c>GET /thaw/v1/functions/{name}/snapshots</c>.</summary>
internal sealed record SnapshotRecord
{
    public string? SnapshotId { get; init; }

    public string? FunctionName { get; init; }

    public string? Version { get; init; }

    public string? Status { get; init; }

    /// <summary>The environment whose Init produced the snapshot.</summary>
    public string? InitEnvironmentId { get; init; }

    public string? InitLogStreamName { get; init; }

    /// <summary>The interfaces and MACs at Init, i.e. the ones frozen into the snapshot.</summary>
    public List<NetworkInterfaceRecord>? Interfaces { get; init; }

    public double? InitDurationMs { get; init; }

    public long? SizeBytes { get; init; }

    [JsonConverter(typeof(FlexibleTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(FlexibleTimestampConverter))]
    public DateTimeOffset? LastRestoredAt { get; init; }

    public int? Restores { get; init; }
}
