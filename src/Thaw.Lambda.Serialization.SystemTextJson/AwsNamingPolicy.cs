using System.Text.Json;

namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Naming policy of Amazon's Lambda serializers: a few AWS names that no C# identifier can spell are mapped
/// (<c>XAmzId2</c> → <c>x-amz-id-2</c>, <c>XAmzRequestId</c> → <c>x-amz-request-id</c>); other names go to the
/// fallback policy, or stay as written when there is none.
/// </summary>
public sealed class AwsNamingPolicy : JsonNamingPolicy
{
    private readonly JsonNamingPolicy? _fallbackNamingPolicy;

    /// <summary>Keeps names as written, except the AWS special cases.</summary>
    public AwsNamingPolicy()
    {
    }

    /// <summary>Applies <paramref name="fallbackNamingPolicy"/> to names that are not AWS special cases.</summary>
    public AwsNamingPolicy(JsonNamingPolicy fallbackNamingPolicy) => _fallbackNamingPolicy = fallbackNamingPolicy;

    /// <inheritdoc />
    public override string ConvertName(string name) => name switch
    {
        "XAmzId2" => "x-amz-id-2",
        "XAmzRequestId" => "x-amz-request-id",
        _ => _fallbackNamingPolicy?.ConvertName(name) ?? name,
    };
}
