namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's SnapStart request member (<c>PublishedVersions</c> or <c>None</c>).</summary>
internal sealed record SnapStartRequest
{
    public required string ApplyOn { get; init; }
}
