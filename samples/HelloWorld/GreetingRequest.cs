using System.Text.Json.Serialization;

namespace HelloWorld;

public sealed record GreetingRequest([property: JsonPropertyName("name")] string? Name);
