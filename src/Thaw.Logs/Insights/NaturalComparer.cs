namespace Thaw.Logs.Insights;

/// <summary>
/// The sort order Logs Insights documents (CWL_QuerySyntax-Sort): non-numbers before numbers; non-numbers split into
/// digit and non-digit runs, non-digit runs by code point, digit runs by length then value. Missing values sort first.
/// </summary>
internal sealed class NaturalComparer : IComparer<Value>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(Value x, Value y)
    {
        if (x.IsNull || y.IsNull)
        {
            return x.IsNull.CompareTo(y.IsNull) * -1;
        }

        var xNumber = IsNumber(x, out var xn);
        var yNumber = IsNumber(y, out var yn);
        if (xNumber && yNumber)
        {
            return xn.CompareTo(yn);
        }

        if (xNumber != yNumber)
        {
            return xNumber ? 1 : -1;
        }

        return CompareNatural(x.Render()!, y.Render()!);
    }

    private static bool IsNumber(Value v, out double number)
    {
        if (v.Kind is ValueKind.Number or ValueKind.Timestamp or ValueKind.Bool)
        {
            number = v.Number;
            return true;
        }

        var text = v.Text!;
        number = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var start = text[0] == '-' && text.Length > 1 ? 1 : 0;
        var dot = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '.' && !dot && i > start && i < text.Length - 1)
            {
                dot = true;
            }
            else if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return v.TryGetNumber(out number);
    }

    private static int CompareNatural(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var aDigit = char.IsAsciiDigit(a[i]);
            var bDigit = char.IsAsciiDigit(b[j]);
            var ie = i;
            while (ie < a.Length && char.IsAsciiDigit(a[ie]) == aDigit)
            {
                ie++;
            }

            var je = j;
            while (je < b.Length && char.IsAsciiDigit(b[je]) == bDigit)
            {
                je++;
            }

            int c;
            if (aDigit && bDigit)
            {
                c = (ie - i).CompareTo(je - j);
                if (c == 0)
                {
                    c = string.CompareOrdinal(a, i, b, j, ie - i);
                }
            }
            else
            {
                c = string.CompareOrdinal(a.Substring(i, ie - i), b.Substring(j, je - j));
            }

            if (c != 0)
            {
                return c;
            }

            i = ie;
            j = je;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }
}
