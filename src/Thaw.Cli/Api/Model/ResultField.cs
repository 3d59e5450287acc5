namespace Thaw.Cli.Api.Model;

/// <summary>One cell of a Logs Insights result row.</summary>
internal sealed record ResultField
{
    public string? Field { get; init; }

    public string? Value { get; init; }
}
