using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>An API Gateway HTTP API (payload format 2.0) Lambda proxy integration event.</summary>
public sealed class APIGatewayHttpApiV2ProxyRequest
{
    /// <summary>The payload format version, <c>2.0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The route key, e.g. <c>GET /items</c> or <c>$default</c>.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    /// <summary>The raw request path.</summary>
    [JsonPropertyName("rawPath")]
    public string? RawPath { get; set; }

    /// <summary>The raw query string.</summary>
    [JsonPropertyName("rawQueryString")]
    public string? RawQueryString { get; set; }

    /// <summary>Cookies.</summary>
    [JsonPropertyName("cookies")]
    public string[]? Cookies { get; set; }

    /// <summary>Headers (values of a repeated header joined by commas).</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Query string parameters.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>The request context.</summary>
    [JsonPropertyName("requestContext")]
    public HttpApiV2RequestContext? RequestContext { get; set; }

    /// <summary>The body (base64 when <see cref="IsBase64Encoded"/>).</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Path parameters.</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    /// <summary>Whether the body is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>Stage variables.</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }
}
