using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The request context of a REST API (v1) proxy event.</summary>
public sealed class ProxyRequestContext
{
    /// <summary>The request path including the stage.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The API owner's account id.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; set; }

    /// <summary>The resource id.</summary>
    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; set; }

    /// <summary>The stage.</summary>
    [JsonPropertyName("stage")]
    public string? Stage { get; set; }

    /// <summary>The API Gateway request id.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    /// <summary>The caller's identity.</summary>
    [JsonPropertyName("identity")]
    public RequestIdentity? Identity { get; set; }

    /// <summary>The resource path template.</summary>
    [JsonPropertyName("resourcePath")]
    public string? ResourcePath { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    /// <summary>The API id.</summary>
    [JsonPropertyName("apiId")]
    public string? ApiId { get; set; }

    /// <summary>The extended request id.</summary>
    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; set; }

    /// <summary>The WebSocket connection id.</summary>
    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; set; }

    /// <summary>When the WebSocket connection was made (epoch ms).</summary>
    [JsonPropertyName("connectedAt")]
    public long ConnectedAt { get; set; }

    /// <summary>The domain name.</summary>
    [JsonPropertyName("domainName")]
    public string? DomainName { get; set; }

    /// <summary>The first label of the domain name.</summary>
    [JsonPropertyName("domainPrefix")]
    public string? DomainPrefix { get; set; }

    /// <summary>The WebSocket event type.</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; set; }

    /// <summary>The WebSocket message id.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; set; }

    /// <summary>The WebSocket route key.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    /// <summary>Values from the authorizer.</summary>
    [JsonPropertyName("authorizer")]
    public IDictionary<string, object?>? Authorizer { get; set; }

    /// <summary>The operation name.</summary>
    [JsonPropertyName("operationName")]
    public string? OperationName { get; set; }

    /// <summary>The protocol, e.g. HTTP/1.1.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>The request time (CLF format).</summary>
    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; set; }

    /// <summary>The request time (epoch ms).</summary>
    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; set; }
}
