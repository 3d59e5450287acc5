namespace Thaw.Host.Api.Model;

internal sealed record AliasConfiguration(string AliasArn, string Name, string FunctionVersion, string Description, AliasRoutingConfiguration? RoutingConfig, string RevisionId);
