using System.Text.Json;

namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>Like <see cref="DefaultLambdaJsonSerializer"/>, with camelCase property names.</summary>
public class CamelCaseLambdaJsonSerializer : DefaultLambdaJsonSerializer
{
    /// <summary>Creates the serializer.</summary>
    public CamelCaseLambdaJsonSerializer()
        : base(options => options.PropertyNamingPolicy = new AwsNamingPolicy(JsonNamingPolicy.CamelCase))
    {
    }
}
