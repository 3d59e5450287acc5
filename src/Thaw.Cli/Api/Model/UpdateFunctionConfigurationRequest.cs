namespace Thaw.Cli.Api.Model;

/// <summary>Body of UpdateFunctionConfiguration (PUT /2015-03-31/functions/{name}/configuration); absent members are left as they are.</summary>
internal sealed record UpdateFunctionConfigurationRequest
{
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
