using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thaw.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>Reads and writes a <see cref="MemoryStream"/> as a base64 string (Kinesis and similar event payloads).</summary>
public sealed class MemoryStreamConverter : JsonConverter<MemoryStream>
{
    /// <inheritdoc />
    public override MemoryStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteBase64StringValue(new ReadOnlySpan<byte>(value.GetBuffer(), 0, (int)value.Length));
    }
}
