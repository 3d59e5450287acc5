using System.Text;
using System.Text.Json;

namespace Thaw.Logs.Insights;

/// <summary>Discovers fields in the first JSON object of a message, flattened as <c>a.b</c> and <c>list.0</c> (AWS flattens arrays by index).</summary>
internal static class JsonFields
{
    private const int MaxFields = 200;
    private static readonly Dictionary<string, Value> Empty = [];

    public static Dictionary<string, Value> Discover(string? message)
    {
        if (message is null)
        {
            return Empty;
        }

        var start = message.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return Empty;
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes(message, start, message.Length - start);
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var fields = new Dictionary<string, Value>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", fields);
            return fields;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, Value> fields)
    {
        if (fields.Count >= MaxFields)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, fields);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture), fields);
                    i++;
                }

                break;
            case JsonValueKind.String:
                fields[prefix] = Value.FromString(element.GetString());
                break;
            case JsonValueKind.Number:
                fields[prefix] = Value.FromNumber(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                fields[prefix] = Value.FromString(element.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            default:
                break;
        }
    }
}
