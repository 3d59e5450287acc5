using System.Text.Json.Serialization;

namespace ExecutableAssembly;

/// <summary>The answer: the text in capitals, the request id the context gave, and when the program started.</summary>
public sealed record ShoutResponse(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("initializedAt")] DateTimeOffset InitializedAt);
