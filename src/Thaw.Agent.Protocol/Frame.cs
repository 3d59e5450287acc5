using System.Text.Json;

namespace Thaw.Agent.Protocol;

/// <summary>One control frame: a kind, a small JSON header and an opaque body.</summary>
/// <param name="Kind">What the frame means.</param>
/// <param name="Header">A UTF-8 JSON object; its fields depend on <paramref name="Kind"/>.</param>
/// <param name="Body">The payload: an event, a response, an error document or a log line.</param>
public sealed record Frame(FrameKind Kind, JsonElement Header, ReadOnlyMemory<byte> Body)
{
    /// <summary>Reads a string field of the header, or null when it is absent.</summary>
    public string? GetString(string name) =>
        Header.ValueKind == JsonValueKind.Object && Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    /// <summary>Reads an integer field of the header, or null when it is absent or not a 64-bit integer.</summary>
    public long? GetInt64(string name) =>
        Header.ValueKind == JsonValueKind.Object && Header.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var value)
            ? value
            : null;
}
