namespace Thaw.Host.Api.Model;

internal sealed record CreateFunctionRequest
{
    public string? FunctionName { get; init; }
    public string? Runtime { get; init; }
    public string? Role { get; init; }
    public string? Handler { get; init; }
    public FunctionCodeInput? Code { get; init; }
    public string? Description { get; init; }
    public int? Timeout { get; init; }
    public int? MemorySize { get; init; }
    public bool? Publish { get; init; }
    public string? PackageType { get; init; }
    public EnvironmentInput? Environment { get; init; }
    public EphemeralStorageInput? EphemeralStorage { get; init; }
    public SnapStartInput? SnapStart { get; init; }
    public IReadOnlyList<string>? Architectures { get; init; }
    public int? ThawSnapshotCount { get; init; }
    public string? ThawNetworkIdentity { get; init; }
    public int? ThawRestoreAhead { get; init; }
}
