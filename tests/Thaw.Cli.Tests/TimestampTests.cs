using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Tests;

/// <summary>Timestamps are read in every form the host or Lambda may write them.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("2026-12-04T16:00:00.000+0000")]
    [InlineData("2026-12-04T16:00:00+00:00")]
    [InlineData("2026-12-04T17:00:00+01:00")]
    [InlineData("2026-12-04T16:00:00Z")]
    [InlineData("1796400000")]
    [InlineData("1796400000000")]
    public void Every_form_parses_to_the_same_instant(string text)
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.Zero), FlexibleTimestampConverter.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Nothing_or_nonsense_is_null(string? text) => Assert.Null(FlexibleTimestampConverter.Parse(text));
}
