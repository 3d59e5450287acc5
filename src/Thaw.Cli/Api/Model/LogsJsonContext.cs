using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>CloudWatch Logs awsJson1.1 shapes: camelCase members.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartQueryRequest))]
[JsonSerializable(typeof(StartQueryResponse))]
[JsonSerializable(typeof(GetQueryResultsRequest))]
[JsonSerializable(typeof(GetQueryResultsResponse))]
internal sealed partial class LogsJsonContext : JsonSerializerContext;
