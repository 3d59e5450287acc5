using Thaw.Logs.Insights;

namespace Thaw.Logs.Tests.Insights;

public sealed class MalformedQueryTests
{
    /// <summary>Each query with the text the error must point at (its first occurrence).</summary>
    public static TheoryData<string, string> Queries => new()
    {
        { "fields @message | frobnicate x", "frobnicate" },
        { "filter @message like \"oops", "\"oops" },
        { "filter (a = 1", "" },
        { "stats count(*) as a | stats count(*) as b | stats count(*) as c", "stats count(*) as c" },
        { "dedup a | sort a", "sort" },
        { "parse @message \"*:*\" as onlyOne", "\"*:*\"" },
        { "filter @message like /(unclosed/", "/(unclosed/" },
        { "fields nosuchfn(a)", "nosuchfn" },
        { "fields count(*)", "count" },
        { "stats count(*) by bin(5 m)", "m)" },
        { "stats a by b", "a by" },
        { "filter a = ", "" },
        { "fields a | | fields b", "| fields b" },
        { "limit 0", "0" },
        { "stats count(*) as c | sort c | stats count(*)", "sort" },
        { "pattern @message", "pattern" },
        { "stats sum(count(*))", "count(*)" },
        { "stats count(*) as n | fields @message", "@message" },
        { "stats count(*) by bin(5parsecs)", "5parsecs" },
        { "filter a = 1 b", "b" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Malformed_query_reports_the_position_of_the_fault(string query, string at)
    {
        var ex = Assert.Throws<MalformedQueryException>(() =>
        {
            var parsed = Parser.Parse(query);
            var context = new QueryContext { AccountId = "0", GroupNames = new Dictionary<long, string>(), StartMs = 0, EndMs = 1, NowMs = 1 };
            QueryEngine.Compile(parsed, context, null, new QueryProgress());
        });
        var start = at.Length == 0 ? query.Length : query.IndexOf(at, StringComparison.Ordinal);
        Assert.Equal(start, ex.StartCharOffset);
        Assert.True(ex.EndCharOffset >= ex.StartCharOffset);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Overlong_query_is_rejected()
    {
        Assert.Throws<MalformedQueryException>(() => Parser.Parse("fields " + new string('a', 10_001)));
    }
}
