namespace Thaw.Cli.Api.Model;

/// <summary>Body of UpdateFunctionCode (PUT /2015-03-31/functions/{name}/code).</summary>
internal sealed record UpdateFunctionCodeRequest
{
    public required string ZipFile { get; init; }
}
