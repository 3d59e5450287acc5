namespace Thaw.Host.Api.Model;

internal sealed record TracingConfig
{
    public string Mode { get; init; } = "PassThrough";
}
