using Thaw.Logs.FilterPatterns;

namespace Thaw.Logs.Tests.FilterPatterns;

public sealed class FilterPatternTests
{
    [Theory]
    [InlineData("", "anything", true)]
    [InlineData("ERROR", "an ERROR here", true)]
    [InlineData("ERROR", "an error here", false)]
    [InlineData("ERROR ARGUMENTS", "ERROR: bad ARGUMENTS", true)]
    [InlineData("ERROR ARGUMENTS", "ERROR only", false)]
    [InlineData("?ERROR ?WARN", "WARN: disk", true)]
    [InlineData("?ERROR ?WARN", "INFO: ok", false)]
    [InlineData("ERROR -ARGUMENTS", "ERROR: bad ARGUMENTS", false)]
    [InlineData("ERROR -ARGUMENTS", "ERROR: timeout", true)]
    [InlineData("\"INTERNAL SERVER ERROR\"", "500 INTERNAL SERVER ERROR", true)]
    [InlineData("\"INTERNAL SERVER ERROR\"", "INTERNAL ERROR SERVER", false)]
    [InlineData("\" \"", "x", true)]
    [InlineData("%RESTORE_[A-Z]+%", "RESTORE_REPORT Restore Duration: 1 ms", true)]
    [InlineData("%^START%", "x START", false)]
    [InlineData("{ $.eventType = \"UpdateTrail\" }", "{\"eventType\":\"UpdateTrail\"}", true)]
    [InlineData("{ $.eventType = \"Update*\" }", "{\"eventType\":\"UpdateTrail\"}", true)]
    [InlineData("{ $.eventType != \"UpdateTrail\" }", "{\"eventType\":\"UpdateTrail\"}", false)]
    [InlineData("{ $.latency < 50 }", "{\"latency\": 42}", true)]
    [InlineData("{ $.latency >= 50 }", "{\"latency\": 42}", false)]
    [InlineData("{ $.number[0] = 1e-3 }", "{\"number\": [0.001]}", true)]
    [InlineData("{ $.a.b = 1 && $.c = \"x\" }", "{\"a\":{\"b\":1},\"c\":\"x\"}", true)]
    [InlineData("{ ($.a.b = 2 || $.c = \"x\") && $.d NOT EXISTS }", "{\"a\":{\"b\":1},\"c\":\"x\"}", true)]
    [InlineData("{ $.e IS NULL }", "{\"e\": null}", true)]
    [InlineData("{ $.f IS TRUE }", "{\"f\": true}", true)]
    [InlineData("{ $.latency < 50 }", "not json at all", false)]
    public void Pattern_matches_as_documented(string pattern, string message, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    [InlineData("[ip, user, status = 404]")]
    [InlineData("{ $.a = }")]
    [InlineData("{ $.a = 1")]
    [InlineData("\"unterminated")]
    public void Unsupported_or_broken_patterns_are_InvalidParameterException(string pattern)
    {
        var ex = Assert.Throws<LogsServiceException>(() => FilterPattern.Parse(pattern));
        Assert.Equal("InvalidParameterException", ex.ErrorType);
    }
}
