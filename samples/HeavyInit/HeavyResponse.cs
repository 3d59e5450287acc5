using System.Text.Json.Serialization;

namespace HeavyInit;

public sealed class HeavyResponse
{
    [JsonPropertyName("initMs")]
    public long InitMs { get; set; }

    [JsonPropertyName("cacheEntries")]
    public int CacheEntries { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("heapBytes")]
    public long HeapBytes { get; set; }

    [JsonPropertyName("genericInstantiations")]
    public int GenericInstantiations { get; set; }

    [JsonPropertyName("processId")]
    public int ProcessId { get; set; }
}
