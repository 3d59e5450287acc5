namespace Thaw.Host.Api.Model;

/// <summary>Lambda's <c>FunctionConfiguration</c> shape (member names as on the wire), plus Thaw's extension members.</summary>
internal sealed record FunctionConfiguration
{
    public required string FunctionName { get; init; }
    public required string FunctionArn { get; init; }
    public required string Runtime { get; init; }
    public required string Role { get; init; }
    public required string Handler { get; init; }
    public long CodeSize { get; init; }
    public string Description { get; init; } = "";
    public int Timeout { get; init; }
    public int MemorySize { get; init; }
    public required string LastModified { get; init; }
    public required string CodeSha256 { get; init; }
    public required string Version { get; init; }
    public EnvironmentResponse? Environment { get; init; }
    public TracingConfig TracingConfig { get; init; } = new();
    public required string RevisionId { get; init; }
    public required string State { get; init; }
    public string? StateReason { get; init; }
    public string? StateReasonCode { get; init; }
    public string LastUpdateStatus { get; init; } = "Successful";
    public string PackageType { get; init; } = "Zip";
    public required IReadOnlyList<string> Architectures { get; init; }
    public required EphemeralStorageConfig EphemeralStorage { get; init; }
    public required SnapStartResponse SnapStart { get; init; }
    public required RuntimeVersionConfig RuntimeVersionConfig { get; init; }
    public required LoggingConfig LoggingConfig { get; init; }

    /// <summary>Thaw extension: Inits (and snapshots) per published version.</summary>
    public int ThawSnapshotCount { get; init; }

    /// <summary>Thaw extension: <c>preserve</c> or <c>regenerate</c>.</summary>
    public required string ThawNetworkIdentity { get; init; }

    /// <summary>Thaw extension: restored environments kept ready ahead of demand.</summary>
    public int ThawRestoreAhead { get; init; }
}
