namespace Thaw.Logs.Insights;

/// <summary>
/// A <c>bin</c>/<c>datefloor</c>/<c>dateceil</c> period. Values above a unit's cap are clamped as AWS documents
/// ("bin(300s)" runs as 60 seconds). Fixed units align to the Unix epoch in UTC; weeks start on Monday;
/// months, quarters and years are calendar periods in UTC.
/// </summary>
internal readonly record struct Period(long FixedMs, int Months)
{
    public static Period Parse(DurationExpr duration)
    {
        var unit = duration.Unit.ToLowerInvariant();
        var n = duration.Amount;
        if (n <= 0 || n != Math.Floor(n))
        {
            throw new MalformedQueryException("A period must be a positive whole number", duration.Start, duration.End);
        }

        return unit switch
        {
            "ms" or "msec" or "msecs" or "millisecond" or "milliseconds" => Fixed(Math.Min(n, 1000), 1),
            "s" or "sec" or "secs" or "second" or "seconds" => Fixed(Math.Min(n, 60), 1000),
            "m" or "min" or "mins" or "minute" or "minutes" => Fixed(Math.Min(n, 60), 60_000),
            "h" or "hr" or "hrs" or "hour" or "hours" => Fixed(Math.Min(n, 24), 3_600_000),
            "d" or "day" or "days" => Fixed(n, 86_400_000),
            "w" or "week" or "weeks" => Fixed(n, 7 * 86_400_000L),
            "mo" or "mon" or "mons" or "month" or "months" => new Period(0, (int)n),
            "q" or "qtr" or "qtrs" or "quarter" or "quarters" => new Period(0, (int)n * 3),
            "y" or "yr" or "yrs" or "year" or "years" => new Period(0, (int)n * 12),
            _ => throw new MalformedQueryException($"Unknown time unit '{duration.Unit}'", duration.Start, duration.End),
        };
    }

    private static Period Fixed(double n, long unitMs) => new((long)n * unitMs, 0);

    // 1970-01-05 was a Monday: weeks are aligned on it.
    private const long MondayOffset = 4 * 86_400_000L;

    public long Floor(long ms)
    {
        if (Months == 0)
        {
            var offset = FixedMs % (7 * 86_400_000L) == 0 ? MondayOffset : 0;
            return (long)(Math.Floor((ms - offset) / (double)FixedMs) * FixedMs) + offset;
        }

        var date = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        var index = (date.Year * 12) + date.Month - 1;
        index -= ((index % Months) + Months) % Months;
        return new DateTimeOffset(index / 12, (index % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    public long Ceil(long ms)
    {
        var floor = Floor(ms);
        if (floor == ms)
        {
            return ms;
        }

        if (Months == 0)
        {
            return floor + FixedMs;
        }

        return new DateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(floor).UtcDateTime.AddMonths(Months), TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
