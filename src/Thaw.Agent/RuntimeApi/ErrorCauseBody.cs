using System.Text;
using System.Text.Json;

namespace Thaw.Agent.RuntimeApi;

/// <summary>
/// RAPID's handling of <c>application/vnd.aws.lambda.error.cause+json</c> error bodies
/// (<c>handler/mime_type_error_cause_json.go</c>): the error is re-marshalled without its X-Ray <c>errorCause</c>;
/// an unparsable body becomes the JSON string "Invalid error body".
/// </summary>
internal static class ErrorCauseBody
{
    public const string InvalidErrorBody = "\"Invalid error body\"";

    /// <summary>The filtered error JSON, or null when the body does not unmarshal into the error shape.</summary>
    public static byte[]? Filter(ReadOnlyMemory<byte> body)
    {
        string message = string.Empty;
        string type = string.Empty;
        List<string>? stackTrace = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // Go's encoding/json matches field names case-insensitively and lets a JSON null leave the field as is.
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (property.Name.Equals("errorMessage", StringComparison.OrdinalIgnoreCase))
                {
                    message = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException();
                }
                else if (property.Name.Equals("errorType", StringComparison.OrdinalIgnoreCase))
                {
                    type = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException();
                }
                else if (property.Name.Equals("stackTrace", StringComparison.OrdinalIgnoreCase))
                {
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw new FormatException();
                    }

                    stackTrace = [.. value.EnumerateArray().Select(e => e.ValueKind switch
                    {
                        JsonValueKind.String => e.GetString()!,
                        JsonValueKind.Null => string.Empty,
                        _ => throw new FormatException(),
                    })];
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var json = new StringBuilder();
        json.Append("{\"errorMessage\":");
        GoJson.AppendString(json, message);
        json.Append(",\"errorType\":");
        GoJson.AppendString(json, type);
        if (stackTrace is { Count: > 0 })
        {
            json.Append(",\"stackTrace\":[");
            for (var i = 0; i < stackTrace.Count; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                GoJson.AppendString(json, stackTrace[i]);
            }

            json.Append(']');
        }

        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>Go's <c>json.Valid</c>: exactly one JSON value, surrounded by whitespace only.</summary>
    public static bool IsValidJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
