using System.Net;
using System.Text;
using System.Text.Json;

namespace Thaw.EndToEnd.Tests.Infrastructure;

internal sealed record InvokeResponse(HttpStatusCode Status, Dictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public string? ErrorType => Header("x-amzn-ErrorType");

    public string? FunctionError => Header("X-Amz-Function-Error");

    public string? LogTail => Header("X-Amz-Log-Result") is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;
}
