namespace Thaw.Agent.Http;

/// <summary>Header (or trailer) fields in arrival order; names compare case-insensitively.</summary>
internal sealed class HttpHeaderCollection
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public static HttpHeaderCollection Empty { get; } = new();

    public int Count => _fields.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public void Add(string name, string value) => _fields.Add(new(name, value));

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _fields)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every value of <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> GetAll(string name) =>
        _fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>True if a comma-separated header value contains <paramref name="token"/> (case-insensitive).</summary>
    public bool HasToken(string name, string token) =>
        GetAll(name).Any(v => v.Split(',').Any(t => string.Equals(t.Trim(), token, StringComparison.OrdinalIgnoreCase)));
}
