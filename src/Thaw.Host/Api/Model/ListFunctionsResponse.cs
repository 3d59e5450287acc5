namespace Thaw.Host.Api.Model;

internal sealed record ListFunctionsResponse(IReadOnlyList<FunctionConfiguration> Functions, string? NextMarker);
