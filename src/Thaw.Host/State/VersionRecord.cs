namespace Thaw.Host.State;

/// <summary>A published version: its frozen configuration and its readiness.</summary>
internal sealed record VersionRecord
{
    public required string FunctionName { get; init; }

    public required string Version { get; init; }

    public required FunctionDefinition Config { get; init; }

    /// <summary><c>Pending</c>, <c>Active</c> or <c>Failed</c>.</summary>
    public required string State { get; init; }

    public string? StateReason { get; init; }

    public string? StateReasonCode { get; init; }

    /// <summary><c>On</c> when cold starts restore snapshots, else <c>Off</c>.</summary>
    public string OptimizationStatus { get; init; } = "Off";
}
