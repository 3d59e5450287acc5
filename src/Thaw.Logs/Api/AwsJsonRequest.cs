using System.Text.Json;
using System.Text.RegularExpressions;

namespace Thaw.Logs.Api;

/// <summary>
/// Reads members of an awsJson request body with the service model's constraints: a member of the wrong JSON type is a
/// SerializationException, a value outside its constraints an InvalidParameterException, as the service answers.
/// </summary>
internal sealed class AwsJsonRequest(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public bool Has(string name) => Root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, int min = 0, int max = int.MaxValue, Regex? pattern = null)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw WrongType(name, "string");
        }

        var s = v.GetString()!;
        if (s.Length < min)
        {
            throw Invalid($"Value '{s}' at '{name}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }

        if (s.Length > max)
        {
            throw Invalid($"Value at '{name}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }

        if (pattern is not null && !pattern.IsMatch(s))
        {
            throw Invalid($"Value '{s}' at '{name}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return s;
    }

    public string RequiredString(string name, int min = 1, int max = int.MaxValue, Regex? pattern = null) =>
        String(name, min, max, pattern) ?? throw Missing(name);

    public long? Long(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw WrongType(name, "long");
        }

        if (n < min || n > max)
        {
            throw Invalid($"Value '{n}' at '{name}' failed to satisfy constraint: Member must have value between {min} and {max}");
        }

        return n;
    }

    public int? Int(string name, int min, int max) => (int?)Long(name, min, max);

    public bool? Bool(string name)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "boolean"),
        };
    }

    public List<string>? Strings(string name, int minCount, int maxCount)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "list");
        }

        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw WrongType(name, "list of strings");
            }

            list.Add(item.GetString()!);
        }

        if (list.Count < minCount || list.Count > maxCount)
        {
            throw Invalid($"Value at '{name}' failed to satisfy constraint: Member must have length between {minCount} and {maxCount}");
        }

        return list;
    }

    public static LogsServiceException Invalid(string detail) =>
        new(LogsErrorTypes.InvalidParameter, $"1 validation error detected: {detail}");

    public static LogsServiceException Missing(string name) =>
        Invalid($"Value null at '{name}' failed to satisfy constraint: Member must not be null");

    private static LogsServiceException WrongType(string name, string type) =>
        new(LogsErrorTypes.Serialization, $"Cannot deserialize member '{name}': expected {type}");
}
