namespace Thaw.Host.Api.Model;

internal sealed record AliasRoutingConfiguration
{
    public Dictionary<string, double>? AdditionalVersionWeights { get; init; }
}
