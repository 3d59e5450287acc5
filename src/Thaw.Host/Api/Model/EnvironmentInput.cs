namespace Thaw.Host.Api.Model;

internal sealed record EnvironmentInput
{
    public Dictionary<string, string>? Variables { get; init; }
}
