using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The request context of an HTTP API (v2) event (Amazon's <c>APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext</c>).</summary>
public sealed class HttpApiV2RequestContext
{
    /// <summary>The API owner's account id.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; set; }

    /// <summary>The API id.</summary>
    [JsonPropertyName("apiId")]
    public string? ApiId { get; set; }

    /// <summary>The authorizer's output.</summary>
    [JsonPropertyName("authorizer")]
    public HttpApiV2Authorizer? Authorizer { get; set; }

    /// <summary>The domain name.</summary>
    [JsonPropertyName("domainName")]
    public string? DomainName { get; set; }

    /// <summary>The first label of the domain name.</summary>
    [JsonPropertyName("domainPrefix")]
    public string? DomainPrefix { get; set; }

    /// <summary>The HTTP request.</summary>
    [JsonPropertyName("http")]
    public HttpApiV2HttpDescription? Http { get; set; }

    /// <summary>The API Gateway request id.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    /// <summary>The route id.</summary>
    [JsonPropertyName("routeId")]
    public string? RouteId { get; set; }

    /// <summary>The route key.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    /// <summary>The stage.</summary>
    [JsonPropertyName("stage")]
    public string? Stage { get; set; }

    /// <summary>The request time (CLF format).</summary>
    [JsonPropertyName("time")]
    public string? Time { get; set; }

    /// <summary>The request time (epoch ms).</summary>
    [JsonPropertyName("timeEpoch")]
    public long TimeEpoch { get; set; }
}
