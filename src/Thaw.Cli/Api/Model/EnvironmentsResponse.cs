namespace Thaw.Cli.Api.Model;

/// <summary>Body of <c>GET /thaw/v1/environments</c>.</summary>
internal sealed record EnvironmentsResponse
{
    public List<EnvironmentRecord>? Environments { get; init; }
}
