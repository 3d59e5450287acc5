namespace Thaw.Cli.Api.Model;

/// <summary>Body of CreateFunction (POST /2015-03-31/functions), with Thaw's extension members.</summary>
internal sealed record CreateFunctionRequest
{
    public required string FunctionName { get; init; }

    public required string Role { get; init; }

    public required FunctionCode Code { get; init; }

    public string PackageType { get; init; } = "Zip";

    public string? Runtime { get; init; }

    public string? Handler { get; init; }

    public string? Description { get; init; }

    public int? Timeout { get; init; }

    public int? MemorySize { get; init; }

    public EnvironmentRequest? Environment { get; init; }

    public SnapStartRequest? SnapStart { get; init; }

    public int? ThawSnapshotCount { get; init; }

    public string? ThawNetworkIdentity { get; init; }

    /// <summary>Thaw extension: restored clones kept ready ahead of demand.</summary>
    public int? ThawRestoreAhead { get; init; }
}
