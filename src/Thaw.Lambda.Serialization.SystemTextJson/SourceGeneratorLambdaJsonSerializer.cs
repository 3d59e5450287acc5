using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Serializer that uses a source-generated <see cref="JsonSerializerContext"/> (no reflection), with Amazon's Lambda
/// conventions applied to the context's options. Every input and output type must be listed in the context with
/// <see cref="JsonSerializableAttribute"/>.
/// </summary>
/// <typeparam name="TSGContext">The source-generated context.</typeparam>
public class SourceGeneratorLambdaJsonSerializer<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSGContext> : AbstractLambdaJsonSerializer
    where TSGContext : JsonSerializerContext
{
    private readonly TSGContext _context;

    /// <summary>Creates the serializer with the default options.</summary>
    public SourceGeneratorLambdaJsonSerializer()
        : this(null)
    {
    }

    /// <summary>Creates the serializer and lets the caller adjust the options before the context is built.</summary>
    public SourceGeneratorLambdaJsonSerializer(Action<JsonSerializerOptions>? customizer)
    {
        var options = CreateDefaultJsonSerializationOptions();
        customizer?.Invoke(options);
        _context = Activator.CreateInstance(typeof(TSGContext), options) as TSGContext
            ?? throw new JsonSerializerException($"Unable to create an instance of {typeof(TSGContext).FullName}: it needs the public constructor taking JsonSerializerOptions that the source generator writes.");
    }

    /// <inheritdoc />
    protected override T? InternalDeserialize<T>(Stream requestStream) where T : default =>
        JsonSerializer.Deserialize(requestStream, GetTypeInfo<T>());

    /// <inheritdoc />
    protected override void InternalSerialize<T>(T response, Stream responseStream) =>
        JsonSerializer.Serialize(responseStream, response, GetTypeInfo<T>());

    private JsonTypeInfo<T> GetTypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new JsonSerializerException($"Type {typeof(T).FullName} is missing from the JsonSerializerContext {typeof(TSGContext).FullName}: add [JsonSerializable(typeof({typeof(T).Name}))] to it.");
}
