using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>An API Gateway REST API (v1) Lambda proxy integration event.</summary>
public sealed class APIGatewayProxyRequest
{
    /// <summary>The resource path template, e.g. <c>/{proxy+}</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    /// <summary>Headers (last value of each).</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Headers with every value.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    /// <summary>Query string parameters (last value of each).</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Query string parameters with every value.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    /// <summary>Path parameters.</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    /// <summary>Stage variables.</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    /// <summary>The request context.</summary>
    [JsonPropertyName("requestContext")]
    public ProxyRequestContext? RequestContext { get; set; }

    /// <summary>The body (base64 when <see cref="IsBase64Encoded"/>).</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether the body is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
