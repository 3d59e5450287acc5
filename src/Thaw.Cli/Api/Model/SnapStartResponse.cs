namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's SnapStartResponse.</summary>
internal sealed record SnapStartResponse
{
    public string? ApplyOn { get; init; }

    public string? OptimizationStatus { get; init; }
}
