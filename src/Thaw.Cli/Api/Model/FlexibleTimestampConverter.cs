using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Thaw.Cli.Api.Model;

/// <summary>
/// Reads a timestamp written as ISO 8601 (with <c>+0000</c> or <c>+00:00</c>, as Lambda writes LastModified) or as epoch
/// seconds or milliseconds, so that the tables do not depend on which form the host's extension endpoints pick.
/// </summary>
internal sealed class FlexibleTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <summary>Epoch values above this are milliseconds (year 5138 in seconds).</summary>
    public const double MillisecondsThreshold = 1e11;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number => FromEpoch(reader.GetDouble()),
        JsonTokenType.String => Parse(reader.GetString()),
        _ => throw new JsonException($"A timestamp must be a string or a number, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Parses the textual forms; null when the text is not a timestamp.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch))
        {
            return FromEpoch(epoch);
        }

        // Lambda writes "2026-12-04T15:42:00.000+0000"; .NET wants a colon in the offset.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && text[^4..].All(char.IsAsciiDigit))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static DateTimeOffset FromEpoch(double value) => value > MillisecondsThreshold
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)value)
        : DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000));
}
