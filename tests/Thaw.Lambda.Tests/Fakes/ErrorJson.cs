using System.Text.Json;

namespace Thaw.Lambda.Tests.Fakes;

/// <summary>The Lambda error JSON, read back for assertions.</summary>
public sealed record ErrorJson(string? Type, string? Message, IReadOnlyList<string> StackTrace, ErrorJson? Cause, IReadOnlyList<ErrorJson> Causes, IReadOnlyList<string> PropertyNames)
{
    public static ErrorJson Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    private static ErrorJson From(JsonElement e) => new(
        e.TryGetProperty("errorType", out var t) ? t.GetString() : null,
        e.TryGetProperty("errorMessage", out var m) ? m.GetString() : null,
        e.TryGetProperty("stackTrace", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
        e.TryGetProperty("cause", out var c) ? From(c) : null,
        e.TryGetProperty("causes", out var cs) ? cs.EnumerateArray().Select(From).ToList() : [],
        e.EnumerateObject().Select(p => p.Name).ToList());
}
