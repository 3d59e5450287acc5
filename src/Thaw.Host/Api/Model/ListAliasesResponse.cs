namespace Thaw.Host.Api.Model;

internal sealed record ListAliasesResponse(IReadOnlyList<AliasConfiguration> Aliases, string? NextMarker);
