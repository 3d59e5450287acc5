using System.Globalization;

namespace Thaw.Cli.Commands.Logs;

/// <summary>Parses <c>--since 1h</c> (s, m, h, d, w) and <c>--start/--end</c> (ISO 8601, or epoch seconds).</summary>
internal static class TimeArguments
{
    public static TimeSpan ParseDuration(string text)
    {
        if (text.Length >= 2 && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
                case 'w': return TimeSpan.FromDays(7 * n);
                default: break;
            }
        }

        throw new FormatException($"'{text}' is not a duration such as 30s, 10m, 1h, 2d or 1w");
    }

    public static DateTimeOffset ParseInstant(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new FormatException($"'{text}' is not a time: use ISO 8601 (2026-12-04T10:00:00Z) or epoch seconds");
    }
}
