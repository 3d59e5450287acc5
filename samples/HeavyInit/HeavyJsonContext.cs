using System.Text.Json.Serialization;

namespace HeavyInit;

[JsonSerializable(typeof(HeavyRequest))]
[JsonSerializable(typeof(HeavyResponse))]
public sealed partial class HeavyJsonContext : JsonSerializerContext;
