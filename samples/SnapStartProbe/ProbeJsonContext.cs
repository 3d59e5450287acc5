using System.Text.Json.Serialization;

namespace SnapStartProbe;

[JsonSerializable(typeof(ProbeRequest))]
[JsonSerializable(typeof(ProbeResponse))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;
