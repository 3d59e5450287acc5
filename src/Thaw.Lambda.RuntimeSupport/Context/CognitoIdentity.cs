using System.Text.Json;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Context;

internal sealed class CognitoIdentity : ICognitoIdentity
{
    internal const string PropertyIdentityId = "cognitoIdentityId";
    internal const string PropertyIdentityPoolId = "cognitoIdentityPoolId";

    public string? IdentityId { get; private init; }

    public string? IdentityPoolId { get; private init; }

    /// <summary>Parses the <c>Lambda-Runtime-Cognito-Identity</c> header; a malformed header gives null rather than failing the invoke.</summary>
    public static CognitoIdentity? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new CognitoIdentity
            {
                IdentityId = JsonHelpers.GetString(document.RootElement, PropertyIdentityId),
                IdentityPoolId = JsonHelpers.GetString(document.RootElement, PropertyIdentityPoolId),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
