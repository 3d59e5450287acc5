using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The HTTP part of an HTTP API (v2) request context.</summary>
public sealed class HttpApiV2HttpDescription
{
    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The protocol, e.g. HTTP/1.1.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>The source IP address.</summary>
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; set; }

    /// <summary>The user agent.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; set; }
}
