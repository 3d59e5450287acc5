namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's EnvironmentResponse: the function's variables, or why they could not be read.</summary>
internal sealed record EnvironmentResponse
{
    public Dictionary<string, string>? Variables { get; init; }
}
