using System.Globalization;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Insights;

/// <summary>Operators, functions, commands and the sort order, over small hand-made events with known answers.</summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private const string G = "app";
    private const long T0 = 1_796_342_400_000; // 2026-12-04T00:00:00Z
    private TempStore _temp = null!;

    public async ValueTask InitializeAsync()
    {
        _temp = await TempStore.CreateAsync();
        await _temp.Store.AppendAsync(G, "s1",
        [
            new(T0, """{"a": 10, "b": 3, "s": "  Hello World  ", "ip": "192.168.1.10", "ip6": "2001:db8::1", "n": -2.5, "word": "xyZxyfooxyxyZ", "nested": {"k": "v"}, "list": [7, 8]}"""),
            new(T0 + 90_000, """{"a": 4, "b": 3, "s": "other", "ip": "10.0.0.1"}"""),
            new(T0 + 200_000, "[ERROR] {foo=2, bar=data} The error was: DataIntegrityException"),
        ], TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _temp.DisposeAsync();

    private string? Eval(string expression)
    {
        var rows = _temp.Query($"filter a = 10 | fields {expression} as r", G);
        return Assert.Single(rows).GetValueOrDefault("r");
    }

    public static TheoryData<string, string?> Expressions => new()
    {
        { "a + b", "13" }, { "a - b", "7" }, { "a * b", "30" }, { "a / 4", "2.5" }, { "a % 3", "1" }, { "a ^ 2", "100" }, { "-a", "-10" },
        { "(a + b) * 2", "26" }, { "a + b * 2", "16" }, { "2 ^ 3 ^ 2", (Math.Pow(2, 9)).ToString(CultureInfo.InvariantCulture) },
        { "a / 0", null }, { "missing + 1", null },
        { "abs(n)", "2.5" }, { "ceil(n)", "-2" }, { "floor(n)", "-3" }, { "round(n)", "-3" }, { "round(2.345, 2)", "2.35" },
        { "greatest(a, b, 42)", "42" }, { "least(a, b, n)", "-2.5" }, { "sqrt(a * 10)", "10" },
        { "log(a)", Math.Log(10).ToString("R", CultureInfo.InvariantCulture) }, { "toNumber(\"12.5\")", "12.5" }, { "toInt(n)", "-2" },
        { "ispresent(a)", "1" }, { "ispresent(missing)", "0" }, { "coalesce(missing, b, a)", "3" },
        { "if(a > 5, \"big\", \"small\")", "big" }, { "case(a < 5, \"s\", a < 20, \"m\", \"l\")", "m" },
        { "isempty(missing)", "1" }, { "isempty(s)", "0" }, { "isblank(\"   \")", "1" },
        { "concat(\"x\", a, \"-\", b)", "x10-3" }, { "trim(s)", "Hello World" }, { "ltrim(s)", "Hello World  " }, { "rtrim(s)", "  Hello World" },
        { "trim(word, \"xyZ\")", "foo" }, { "strlen(\"héllo😀\")", "6" }, { "toupper(\"abc\")", "ABC" }, { "tolower(\"ABC\")", "abc" },
        { "substr(\"xyZfooxyZ\", 3, 3)", "foo" }, { "substr(\"xyZfooxyZ\", 6)", "xyZ" }, { "replace(\"a-b-c\", \"-\", \"+\")", "a+b+c" },
        { "regexReplace(\"a1b22c\", /[0-9]+/, \"#\")", "a#b#c" }, { "strcontains(s, \"World\")", "1" }, { "strcontains(s, \"world\")", "0" },
        { "startsWith(word, \"xyZ\")", "1" }, { "endsWith(word, \"foo\")", "0" },
        { "nested.k", "v" }, { "list.1", "8" },
        { "bin(1m)", "2026-12-04 00:00:00.000" }, { "toMillis(@timestamp)", T0.ToString(CultureInfo.InvariantCulture) },
        { "fromMillis(1796342400123)", "2026-12-04 00:00:00.123" }, { "datefloor(@timestamp + 3600001, 1h)", "2026-12-04 01:00:00.000" },
        { "dateceil(@timestamp + 1, 1d)", "2026-12-05 00:00:00.000" }, { "datefloor(@timestamp, 1mo)", "2026-12-01 00:00:00.000" },
        { "dateceil(@timestamp + 1, 1y)", "2027-01-01 00:00:00.000" }, { "datefloor(@timestamp, 1w)", "2026-11-30 00:00:00.000" },
        { "isValidIp(ip)", "1" }, { "isValidIpV4(ip6)", "0" }, { "isValidIpV6(ip6)", "1" }, { "isValidIp(\"1.2\")", "0" },
        { "isIpInSubnet(ip, \"192.168.0.0/16\")", "1" }, { "isIpv4InSubnet(ip, \"192.168.2.0/24\")", "0" }, { "isIpv6InSubnet(ip6, \"2001:db8::/32\")", "1" },
        { "a = 10 and b = 3", "1" }, { "a = 10 or missing = 1", "1" }, { "not a = 10", "0" }, { "a != 3", "1" }, { "missing != 3", "0" },
        { "a in [1, 10]", "1" }, { "a not in [1, 10]", "0" }, { "s like \"World\"", "1" }, { "s like \"world\"", "0" }, { "s like /(?i)hello/", "1" },
        { "s =~ /W.rld/", "1" }, { "s not like /Hello/", "0" }, { "missing not like \"x\"", "1" }, { "a >= 10 and a <= 10 and a > 9 and a < 11", "1" },
        { "\"abc\" < \"abd\"", "1" }, { "`a` + 1", "11" }, { "@logStream", "s1" }, { "@log", "000000000000:app" },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Expression_evaluates_to_known_value(string expression, string? expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Bin_clamps_periods_above_the_unit_cap()
    {
        // AWS: bin(300s) runs as 60 seconds.
        var rows = _temp.Query("filter ispresent(a) | stats count(*) by bin(300s)", G);
        Assert.Equal(["2026-12-04 00:00:00.000", "2026-12-04 00:01:00.000"], rows.Select(r => r["bin(300s)"]));
    }

    [Fact]
    public void Glob_parse_matches_the_documented_example_and_keeps_non_matching_rows()
    {
        var rows = _temp.Query("parse @message \"[*] * The error was: *\" as level, config, exception | sort @timestamp desc | display level, config, exception, a", G);
        Assert.Equal(3, rows.Count);
        Assert.Equal("ERROR", rows[0]["level"]);
        Assert.Equal("{foo=2, bar=data}", rows[0]["config"]);
        Assert.Equal("DataIntegrityException", rows[0]["exception"]);
        Assert.False(rows[1].ContainsKey("level"));
        Assert.Equal("4", rows[1]["a"]);
    }

    [Fact]
    public void Regex_parse_sets_named_groups_and_chained_parse_reads_them()
    {
        var rows = _temp.Query("parse /\\[(?<level>[A-Z]+)\\] \\{(?<config>[^}]*)\\}/ | filter ispresent(level) | parse config \"foo=*, bar=*\" as foo, bar | display level, foo, bar", G);
        var row = Assert.Single(rows);
        Assert.Equal(("ERROR", "2", "data"), (row["level"], row["foo"], row["bar"]));
    }

    [Fact]
    public void Fields_accumulate_and_display_replaces()
    {
        var rows = _temp.Query("filter a = 10 | fields a | fields b, a + b as c", G);
        Assert.Equal(["a", "b", "c"], Assert.Single(rows).Keys.Where(k => k != "@ptr"));
        rows = _temp.Query("filter a = 10 | fields a, b | display b | display a", G);
        Assert.Equal(["a", "@ptr"], Assert.Single(rows).Keys);
    }

    [Fact]
    public void Unmask_and_where_and_comments_are_accepted()
    {
        var rows = _temp.Query("# a comment\nunmask\n| where a > 5 # trailing\n| fields a", G);
        Assert.Equal("10", Assert.Single(rows)["a"]);
    }

    [Fact]
    public void Stats_without_by_over_no_rows_returns_no_row()
    {
        Assert.Empty(_temp.Query("filter a = 12345 | stats count(*)", G));
    }

    [Fact]
    public void Sort_uses_the_documented_natural_order()
    {
        // CWL_QuerySyntax-Sort's example, ascending.
        string[] documented = ["!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj", "a12345hfh", "0", "01", "1", "2", "3"];
        var comparer = Thaw.Logs.Insights.NaturalComparer.Instance;
        var shuffled = documented.Reverse().Select(s => Thaw.Logs.Insights.Value.FromString(s)).ToList();
        shuffled.Sort(comparer);
        Assert.Equal(["!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj", "a12345hfh"], shuffled.Take(12).Select(v => v.Text));
        Assert.Equal(["0", "01", "1", "2", "3"], shuffled.Skip(12).Select(v => v.Text!).Order(StringComparer.Ordinal));
        Assert.True(comparer.Compare(Thaw.Logs.Insights.Value.FromString("3"), Thaw.Logs.Insights.Value.FromString("1")) > 0);
    }

    [Fact]
    public void Sort_by_two_keys_asc_and_desc()
    {
        var rows = _temp.Query("filter ispresent(a) | sort b asc, a desc | fields a", G);
        Assert.Equal(["10", "4"], rows.Select(r => r["a"]));
        rows = _temp.Query("filter ispresent(a) | sort by a | fields a", G);
        Assert.Equal(["4", "10"], rows.Select(r => r["a"]));
    }

    [Fact]
    public void Aggregations_min_max_sortsFirst_sortsLast_on_strings()
    {
        var row = Assert.Single(_temp.Query("filter ispresent(s) | stats min(s) as mn, max(s) as mx, sortsFirst(ip) as f, sortsLast(ip) as l, count(ip6) as c6", G));
        Assert.Equal(("  Hello World  ", "other", "10.0.0.1", "192.168.1.10", "1"), (row["mn"], row["mx"], row["f"], row["l"], row["c6"]));
    }
}
