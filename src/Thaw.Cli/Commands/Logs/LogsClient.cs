using System.Net.Http.Headers;
using System.Text.Json;

namespace Thaw.Cli.Commands.Logs;

/// <summary>A minimal client of the CloudWatch Logs API (awsJson1.1) that Thaw serves: raw JSON in, JsonDocument out.</summary>
internal sealed class LogsClient(HttpClient http) : IDisposable
{
    private const string HeaderTarget = "X-Amz-Target";
    private const string TargetPrefix = "Logs_20140328.";
    private const string ContentType = "application/x-amz-json-1.1";

    public async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TryAddWithoutValidation(HeaderTarget, TargetPrefix + operation);
        using var response = await http.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
        }
        catch (JsonException)
        {
            throw new LogsClientException("InvalidResponse", $"The endpoint answered {(int)response.StatusCode} with a body that is not JSON", null);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (document)
            {
                var root = document.RootElement;
                var type = root.TryGetProperty("__type", out var t) ? t.GetString() ?? "Error" : $"HTTP {(int)response.StatusCode}";
                var message = root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                int? offset = root.TryGetProperty("queryCompileError", out var q) && q.TryGetProperty("location", out var l)
                    && l.TryGetProperty("startCharOffset", out var s) ? s.GetInt32() : null;
                throw new LogsClientException(type[(type.LastIndexOf('#') + 1)..], message, offset);
            }
        }

        return document;
    }

    public void Dispose() => http.Dispose();
}
