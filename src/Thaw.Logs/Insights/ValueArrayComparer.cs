namespace Thaw.Logs.Insights;

internal sealed class ValueArrayComparer : IEqualityComparer<Value[]>
{
    public static readonly ValueArrayComparer Instance = new();

    public bool Equals(Value[]? x, Value[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(Value[] obj)
    {
        var hash = new HashCode();
        foreach (var v in obj)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
