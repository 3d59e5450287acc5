using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>An AWS error body: rest-json sends <c>Message</c> or <c>message</c>, awsJson sends <c>__type</c> too.</summary>
internal sealed record ErrorBody
{
    public string? Message { get; init; }

    public string? Type { get; init; }

    [JsonPropertyName("__type")]
    public string? TypeCode { get; init; }
}
