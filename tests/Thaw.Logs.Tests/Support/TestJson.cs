using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Thaw.Logs.Tests.Support;

internal static class TestJson
{
    // Tests build request bodies from anonymous objects; reflection is fine here, not in the product.
    public static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
}
