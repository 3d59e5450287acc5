using System.Text.Json.Serialization;

namespace Thaw.Sandbox.Tests.Support;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Command))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
