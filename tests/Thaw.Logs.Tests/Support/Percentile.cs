namespace Thaw.Logs.Tests.Support;

/// <summary>Nearest-rank percentile, written independently of the engine.</summary>
internal static class Percentile
{
    public static double NearestRank(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = Math.Max(1, (int)Math.Ceiling(p / 100 * sorted.Length));
        return sorted[rank - 1];
    }
}
