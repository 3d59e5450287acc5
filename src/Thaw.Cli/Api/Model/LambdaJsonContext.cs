using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>Lambda rest-json and Thaw extension shapes: PascalCase members, nulls omitted, read case-insensitively.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(CreateFunctionRequest))]
[JsonSerializable(typeof(UpdateFunctionCodeRequest))]
[JsonSerializable(typeof(UpdateFunctionConfigurationRequest))]
[JsonSerializable(typeof(PublishVersionRequest))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(FunctionErrorBody))]
[JsonSerializable(typeof(EnvironmentsResponse))]
[JsonSerializable(typeof(SnapshotsResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
