using System.Text.Json.Serialization;

namespace HelloWorld;

public sealed record GreetingResponse([property: JsonPropertyName("message")] string Message);
