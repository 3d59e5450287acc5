using System.Text.Json.Serialization;
using Thaw.Sandbox;

namespace Thaw.Host.State;

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(FunctionDefinition))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(List<NetworkInterfaceInfo>))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
