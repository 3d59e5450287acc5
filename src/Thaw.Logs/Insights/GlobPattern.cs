namespace Thaw.Logs.Insights;

/// <summary>
/// A <c>parse</c> glob. Equivalent to the regex that escapes the literal parts, turns each <c>*</c> into a lazy
/// <c>(.*?)</c> (the last one, at the end, into <c>(.*)</c>) and searches unanchored — the reading that fits every
/// documented example — but matched with ordinal IndexOf: taking each literal's first occurrence is what the lazy
/// regex finds, because later wildcards can absorb anything.
/// </summary>
internal sealed class GlobPattern
{
    private readonly string[] _literals;

    public GlobPattern(string pattern)
    {
        _literals = pattern.Split('*');
        Captures = _literals.Length - 1;
    }

    public int Captures { get; }

    public bool TryMatch(string text, Span<Range> captures)
    {
        var first = _literals[0];
        var p = first.Length == 0 ? 0 : text.IndexOf(first, StringComparison.Ordinal);
        if (p < 0)
        {
            return false;
        }

        p += first.Length;
        for (var i = 1; i < _literals.Length; i++)
        {
            var literal = _literals[i];
            int end;
            if (i == _literals.Length - 1 && literal.Length == 0)
            {
                end = text.Length;
            }
            else
            {
                end = literal.Length == 0 ? p : text.IndexOf(literal, p, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }
            }

            captures[i - 1] = new Range(p, end);
            p = end + literal.Length;
        }

        return true;
    }
}
