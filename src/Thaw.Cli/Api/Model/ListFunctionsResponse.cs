namespace Thaw.Cli.Api.Model;

/// <summary>A page of ListFunctions.</summary>
internal sealed record ListFunctionsResponse
{
    public List<FunctionConfiguration>? Functions { get; init; }

    public string? NextMarker { get; init; }
}
