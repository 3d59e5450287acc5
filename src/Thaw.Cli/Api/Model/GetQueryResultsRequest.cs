namespace Thaw.Cli.Api.Model;

/// <summary>Logs GetQueryResults request.</summary>
internal sealed record GetQueryResultsRequest
{
    public required string QueryId { get; init; }
}
