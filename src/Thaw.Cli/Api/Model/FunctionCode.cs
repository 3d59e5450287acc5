namespace Thaw.Cli.Api.Model;

/// <summary>Lambda's FunctionCode: the package inline, base64.</summary>
internal sealed record FunctionCode
{
    public required string ZipFile { get; init; }
}
