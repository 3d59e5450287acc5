namespace Thaw.Host.Api.Model;

internal sealed record FunctionCodeInput
{
    public string? ZipFile { get; init; }
    public string? S3Bucket { get; init; }
    public string? S3Key { get; init; }
    public string? ImageUri { get; init; }
}
