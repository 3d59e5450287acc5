namespace Thaw.Host.Api.Model;

internal sealed record ListVersionsResponse(IReadOnlyList<FunctionConfiguration> Versions, string? NextMarker);
