using System.Text.Json.Serialization;

namespace ExecutableAssembly;

[JsonSerializable(typeof(ShoutRequest))]
[JsonSerializable(typeof(ShoutResponse))]
public sealed partial class ShoutJsonContext : JsonSerializerContext;
