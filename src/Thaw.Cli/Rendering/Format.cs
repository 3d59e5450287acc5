using System.Globalization;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Rendering;

/// <summary>How values look in tables: invariant, compact, "-" for unknown.</summary>
internal static class Format
{
    public const string None = "-";

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? None : value;

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;

    public static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? None;

    /// <summary>Lambda's LastModified and other textual timestamps, normalised; the raw text if it does not parse.</summary>
    public static string Time(string? value) => FlexibleTimestampConverter.Parse(value) is { } parsed ? Time(parsed) : Text(value);

    public static string Milliseconds(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " ms" : None;

    public static string Bytes(long? value)
    {
        if (value is not { } v)
        {
            return None;
        }

        string[] units = ["B", "KiB", "MiB", "GiB"];
        double size = v;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? $"{v} B" : size.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary><c>vinternal_1=02-…</c> one per line, loopback (no MAC) left out.</summary>
    public static string Interfaces(IEnumerable<NetworkInterfaceRecord>? interfaces)
    {
        var lines = (interfaces ?? [])
            .Where(i => !string.IsNullOrEmpty(i.MacAddress))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => $"{i.Name}={i.MacAddress}")
            .ToList();
        return lines.Count == 0 ? None : string.Join('\n', lines);
    }

    /// <summary>Sort key of a version: numeric versions in numeric order, then <c>$LATEST</c> and anything else.</summary>
    public static long VersionKey(string? version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;

    /// <summary>A long id cut to its first characters (ids are random, so a prefix identifies them).</summary>
    public static string ShortId(string? id, int length = 12) =>
        string.IsNullOrEmpty(id) ? None : id.Length <= length ? id : id[..length];
}
