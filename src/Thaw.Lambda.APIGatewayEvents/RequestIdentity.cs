using System.Text.Json.Serialization;

namespace Thaw.Lambda.APIGatewayEvents;

/// <summary>The caller of a REST API (v1) request.</summary>
public sealed class RequestIdentity
{
    /// <summary>The Cognito identity pool id.</summary>
    [JsonPropertyName("cognitoIdentityPoolId")]
    public string? CognitoIdentityPoolId { get; set; }

    /// <summary>The caller's account id.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; set; }

    /// <summary>The Cognito identity id.</summary>
    [JsonPropertyName("cognitoIdentityId")]
    public string? CognitoIdentityId { get; set; }

    /// <summary>The caller.</summary>
    [JsonPropertyName("caller")]
    public string? Caller { get; set; }

    /// <summary>The API key.</summary>
    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; set; }

    /// <summary>The API key id.</summary>
    [JsonPropertyName("apiKeyId")]
    public string? ApiKeyId { get; set; }

    /// <summary>The access key.</summary>
    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; set; }

    /// <summary>The source IP address.</summary>
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; set; }

    /// <summary>The Cognito authentication type.</summary>
    [JsonPropertyName("cognitoAuthenticationType")]
    public string? CognitoAuthenticationType { get; set; }

    /// <summary>The Cognito authentication provider.</summary>
    [JsonPropertyName("cognitoAuthenticationProvider")]
    public string? CognitoAuthenticationProvider { get; set; }

    /// <summary>The user ARN.</summary>
    [JsonPropertyName("userArn")]
    public string? UserArn { get; set; }

    /// <summary>The user agent.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; set; }

    /// <summary>The user.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }
}
