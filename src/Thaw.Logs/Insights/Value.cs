using System.Globalization;

namespace Thaw.Logs.Insights;

/// <summary>
/// A field value. Text from log events stays text and is read as a number where arithmetic or a comparison
/// needs one; timestamps are epoch milliseconds; booleans render as 1/0.
/// </summary>
internal readonly struct Value : IEquatable<Value>
{
    private Value(ValueKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public static Value Null => default;

    public ValueKind Kind { get; }

    public double Number { get; }

    public string? Text { get; }

    public bool IsNull => Kind == ValueKind.Null;

    public static Value FromString(string? text) => text is null ? default : new Value(ValueKind.String, 0, text);

    public static Value FromNumber(double number) => double.IsNaN(number) ? default : new Value(ValueKind.Number, number, null);

    public static Value FromNumber(double? number) => number is { } n ? FromNumber(n) : default;

    public static Value FromTimestamp(long ms) => new(ValueKind.Timestamp, ms, null);

    public static Value FromBool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case ValueKind.Number or ValueKind.Timestamp or ValueKind.Bool:
                number = Number;
                return true;
            case ValueKind.String:
                return double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    public bool IsTrue => Kind switch
    {
        ValueKind.Bool or ValueKind.Number or ValueKind.Timestamp => Number != 0,
        ValueKind.String => Text!.Length > 0,
        _ => false,
    };

    /// <summary>The value as the API returns it (every value is a string on the wire).</summary>
    public string? Render() => Kind switch
    {
        ValueKind.String => Text,
        ValueKind.Number => FormatNumber(Number),
        ValueKind.Timestamp => FormatTimestamp((long)Number),
        ValueKind.Bool => Number != 0 ? "1" : "0",
        _ => null,
    };

    public static string FormatNumber(double n) =>
        n == Math.Floor(n) && Math.Abs(n) < 1e15 ? ((long)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatTimestamp(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public bool Equals(Value other) => Kind == other.Kind && Number.Equals(other.Number) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Kind, Number, Text is null ? 0 : string.GetHashCode(Text, StringComparison.Ordinal));

    public override string ToString() => Render() ?? "<null>";
}
