namespace HeavyInit;

/// <summary>A generic DTO closed over many types during Init, so the serializer builds metadata for each.</summary>
public sealed class Envelope<T>
{
    public string? Id { get; set; }

    public T? Value { get; set; }

    public List<T> Items { get; set; } = [];

    public Dictionary<string, T> ByName { get; set; } = [];

    public DateTime At { get; set; }
}
