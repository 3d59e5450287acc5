namespace Thaw.Host.Api.Model;

internal sealed record UpdateFunctionCodeRequest
{
    public string? ZipFile { get; init; }
    public string? S3Bucket { get; init; }
    public string? S3Key { get; init; }
    public string? ImageUri { get; init; }
    public bool? Publish { get; init; }
    public bool? DryRun { get; init; }
    public string? RevisionId { get; init; }
    public IReadOnlyList<string>? Architectures { get; init; }
}
