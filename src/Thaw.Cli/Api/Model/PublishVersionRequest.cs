namespace Thaw.Cli.Api.Model;

/// <summary>Body of PublishVersion (POST /2015-03-31/functions/{name}/versions).</summary>
internal sealed record PublishVersionRequest
{
    public string? Description { get; init; }
}
