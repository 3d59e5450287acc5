using System.Text.Json.Serialization;

namespace HeavyInit;

public sealed class HeavyRequest
{
    /// <summary>A cache key to look up.</summary>
    [JsonPropertyName("key")]
    public int Key { get; set; }
}
