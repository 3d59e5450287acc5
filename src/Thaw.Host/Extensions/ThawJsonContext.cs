using System.Text.Json.Serialization;
using Thaw.Host.Extensions.Model;

namespace Thaw.Host.Extensions;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EnvironmentList))]
[JsonSerializable(typeof(SnapshotList))]
[JsonSerializable(typeof(HostInfo))]
internal sealed partial class ThawJsonContext : JsonSerializerContext;
