using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The JWT authorizer output.</summary>
public sealed class HttpApiV2JwtDescription
{
    /// <summary>The token's claims.</summary>
    [JsonPropertyName("claims")]
    public IDictionary<string, string>? Claims { get; set; }

    /// <summary>The token's scopes.</summary>
    [JsonPropertyName("scopes")]
    public string[]? Scopes { get; set; }
}
