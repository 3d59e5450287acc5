using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>One execution environment from <c>GET /thaw/v1/environments</c>.</summary>
internal sealed record EnvironmentRecord
{
    public string? EnvironmentId { get; init; }

    public string? FunctionName { get; init; }

    public string? Version { get; init; }

    public string? State { get; init; }

    public int? HostPid { get; init; }

    public List<NetworkInterfaceRecord>? Interfaces { get; init; }

    /// <summary>The snapshot it was restored from; null when it ran Init itself.</summary>
    public string? SnapshotId { get; init; }

    public string? InitType { get; init; }

    [JsonConverter(typeof(FlexibleTimestampConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonConverter(typeof(FlexibleTimestampConverter))]
    public DateTimeOffset? LastUsedAt { get; init; }

    public string? LogStreamName { get; init; }
}
