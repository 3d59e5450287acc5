using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thaw.Lambda.Serialization.SystemTextJson.Converters;

/// <summary>
/// Reads dates as ISO 8601 strings or as Unix epoch numbers (seconds, as several AWS event sources send them),
/// and writes them as ISO 8601, as Amazon's serializer does.
/// </summary>
public sealed class DateTimeConverter : JsonConverter<DateTime>
{
    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTime(out var date))
            {
                return date;
            }

            return DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var seconds))
            {
                return DateTime.UnixEpoch.AddSeconds(seconds);
            }

            return DateTime.UnixEpoch.AddSeconds(reader.GetDouble());
        }

        throw new JsonException($"Cannot read a DateTime from a JSON {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
