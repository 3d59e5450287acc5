namespace Thaw.Cli.Api.Model;

/// <summary>Logs StartQuery response.</summary>
internal sealed record StartQueryResponse
{
    public string? QueryId { get; init; }
}
