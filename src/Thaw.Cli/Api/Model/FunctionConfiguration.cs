namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's FunctionConfiguration (the members the CLI reads), plus Thaw's extension members.</summary>
internal sealed record FunctionConfiguration
{
    public string? FunctionName { get; init; }

    public string? FunctionArn { get; init; }

    public string? Runtime { get; init; }

    public string? Role { get; init; }

    public string? Handler { get; init; }

    public long? CodeSize { get; init; }

    public string? Description { get; init; }

    public int? Timeout { get; init; }

    public int? MemorySize { get; init; }

    public string? LastModified { get; init; }

    public string? CodeSha256 { get; init; }

    public string? Version { get; init; }

    public EnvironmentResponse? Environment { get; init; }

    public string? State { get; init; }

    public string? StateReason { get; init; }

    public string? StateReasonCode { get; init; }

    public string? LastUpdateStatus { get; init; }

    public string? LastUpdateStatusReason { get; init; }

    public string? LastUpdateStatusReasonCode { get; init; }

    public SnapStartResponse? SnapStart { get; init; }

    public string? RevisionId { get; init; }

    /// <summary>Thaw extension: independent Inits (and so snapshots) made when a SnapStart version is published.</summary>
    public int? ThawSnapshotCount { get; init; }

    /// <summary>Thaw extension: <c>preserve</c> or <c>regenerate</c> the snapshot's MAC addresses on restore.</summary>
    public string? ThawNetworkIdentity { get; init; }
}
