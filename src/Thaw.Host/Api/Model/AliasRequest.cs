namespace Thaw.Host.Api.Model;

/// <summary>Body of CreateAlias and UpdateAlias.</summary>
internal sealed record AliasRequest
{
    public string? Name { get; init; }
    public string? FunctionVersion { get; init; }
    public string? Description { get; init; }
    public AliasRoutingConfiguration? RoutingConfig { get; init; }
    public string? RevisionId { get; init; }
}
