using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Thaw.Lambda.RuntimeSupport.ExceptionHandling;

/// <summary>
/// Writes the error JSON Amazon's .NET runtime sends: <c>errorType</c> (short type name), <c>errorMessage</c>,
/// <c>stackTrace</c> (trimmed, non-empty lines), <c>cause</c> (inner exception) and <c>causes</c>
/// (AggregateException), indented by two spaces, capped at 256 KB.
/// </summary>
internal static class LambdaJsonExceptionWriter
{
    public const int MaxPayloadSize = 256 * 1024;
    public const string TruncatedMessage = "{\"errorMessage\": \"Exception exceeded maximum payload size of 256KB.\"}";

    internal const string PropertyErrorType = "errorType";
    internal const string PropertyErrorMessage = "errorMessage";
    internal const string PropertyStackTrace = "stackTrace";
    internal const string PropertyCause = "cause";
    internal const string PropertyCauses = "causes";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        // Stack traces hold <, > and '; Lambda shows the error JSON to people, so keep it readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string WriteJson(ExceptionInfo exception)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, exception);
        }

        return buffer.Length > MaxPayloadSize ? TruncatedMessage : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, ExceptionInfo exception)
    {
        writer.WriteStartObject();
        writer.WriteString(PropertyErrorType, exception.ErrorType);
        writer.WriteString(PropertyErrorMessage, exception.ErrorMessage);
        var lines = StackTraceLines(exception.StackTrace);
        if (lines.Count > 0)
        {
            writer.WriteStartArray(PropertyStackTrace);
            foreach (var line in lines)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
        }

        if (exception.InnerException is { } inner)
        {
            writer.WritePropertyName(PropertyCause);
            Write(writer, inner);
        }

        if (exception.InnerExceptions.Count > 0)
        {
            writer.WriteStartArray(PropertyCauses);
            foreach (var each in exception.InnerExceptions)
            {
                Write(writer, each);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static List<string> StackTraceLines(string? stackTrace)
    {
        var lines = new List<string>();
        if (stackTrace is null)
        {
            return lines;
        }

        foreach (var line in stackTrace.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                lines.Add(trimmed);
            }
        }

        return lines;
    }
}
