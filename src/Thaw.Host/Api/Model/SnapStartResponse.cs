namespace Thaw.Host.Api.Model;

internal sealed record SnapStartResponse(string ApplyOn, string OptimizationStatus);
