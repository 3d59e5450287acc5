namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's Environment request member.</summary>
internal sealed record EnvironmentRequest
{
    public required Dictionary<string, string> Variables { get; init; }
}
