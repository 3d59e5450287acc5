using System.Text.Json.Serialization;

namespace ExecutableAssembly;

/// <summary>The payload: <c>{"text":"hello"}</c>.</summary>
public sealed record ShoutRequest([property: JsonPropertyName("text")] string? Text);
