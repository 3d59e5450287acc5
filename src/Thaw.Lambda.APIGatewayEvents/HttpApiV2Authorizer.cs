using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The authorizer output of an HTTP API (v2) request.</summary>
public sealed class HttpApiV2Authorizer
{
    /// <summary>JWT authorizer claims and scopes.</summary>
    [JsonPropertyName("jwt")]
    public HttpApiV2JwtDescription? Jwt { get; set; }

    /// <summary>Lambda authorizer context.</summary>
    [JsonPropertyName("lambda")]
    public IDictionary<string, object?>? Lambda { get; set; }

    /// <summary>IAM authorizer identity.</summary>
    [JsonPropertyName("iam")]
    public IDictionary<string, object?>? IAM { get; set; }
}
