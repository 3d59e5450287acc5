namespace Thaw.Cli.Api.Model;

/// <summary>Logs GetQueryResults response: rows of <c>{field, value}</c> with string values.</summary>
internal sealed record GetQueryResultsResponse
{
    public List<List<ResultField>>? Results { get; init; }

    public string? Status { get; init; }

    public QueryStatistics? Statistics { get; init; }
}
