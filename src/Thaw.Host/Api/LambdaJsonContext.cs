using System.Text.Json.Serialization;
using Thaw.Host.Api.Model;

namespace Thaw.Host.Api;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(CreateFunctionRequest))]
[JsonSerializable(typeof(UpdateFunctionConfigurationRequest))]
[JsonSerializable(typeof(UpdateFunctionCodeRequest))]
[JsonSerializable(typeof(PublishVersionRequest))]
[JsonSerializable(typeof(GetFunctionResponse))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(ListVersionsResponse))]
[JsonSerializable(typeof(AliasConfiguration))]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(ListAliasesResponse))]
[JsonSerializable(typeof(ConcurrencyResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
