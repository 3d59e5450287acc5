using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>
/// Reflection-based System.Text.Json serializer with Amazon's Lambda conventions. Prefer
/// <see cref="SourceGeneratorLambdaJsonSerializer{TSGContext}"/> for new code (faster start, trimming-safe).
/// </summary>
public class DefaultLambdaJsonSerializer : AbstractLambdaJsonSerializer
{
    /// <summary>Creates the serializer with the default options.</summary>
    public DefaultLambdaJsonSerializer()
        : this(null)
    {
    }

    /// <summary>Creates the serializer and lets the caller adjust the options.</summary>
    public DefaultLambdaJsonSerializer(Action<JsonSerializerOptions>? customizer)
    {
        SerializerOptions = CreateDefaultJsonSerializationOptions();
        customizer?.Invoke(SerializerOptions);
    }

    /// <summary>The options in use.</summary>
    protected JsonSerializerOptions SerializerOptions { get; }

    /// <inheritdoc />
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection serializer by design; the source-generated one is the trimming-safe choice.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reflection serializer by design; the source-generated one is the AOT-safe choice.")]
    protected override T? InternalDeserialize<T>(Stream requestStream) where T : default =>
        JsonSerializer.Deserialize<T>(requestStream, SerializerOptions);

    /// <inheritdoc />
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection serializer by design.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reflection serializer by design.")]
    protected override void InternalSerialize<T>(T response, Stream responseStream) =>
        JsonSerializer.Serialize(responseStream, response, SerializerOptions);
}
