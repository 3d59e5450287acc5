using Spectre.Console.Testing;
using Thaw.Cli.Api.Model;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Tests;

/// <summary>Values from the host are shown as text: markup characters stay literal and tabs do not break the borders.</summary>
public sealed class RenderingTests
{
    [Fact]
    public void Insights_rows_keep_markup_literal_and_lose_tabs()
    {
        var console = new TestConsole { EmitAnsiSequences = false };
        console.Profile.Width = 200;
        var results = new GetQueryResultsResponse
        {
            Results =
            [
                [new ResultField { Field = "@message", Value = "INIT_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: [red]arn[/]" }, new ResultField { Field = "@ptr", Value = "opaque" }],
            ],
        };

        console.Write(InsightsTables.Render(results));

        Assert.Contains("INIT_START Runtime Version: dotnet:10.v1 Runtime Version ARN: [red]arn[/]", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\t', console.Output);
        Assert.DoesNotContain("@ptr", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(512L, "512 B")]
    [InlineData(52_428_800L, "50.0 MiB")]
    [InlineData(null, "-")]
    public void Sizes_read_naturally(long? bytes, string expected) => Assert.Equal(expected, Format.Bytes(bytes));

    [Fact]
    public void Versions_sort_numerically_with_latest_last()
    {
        string[] versions = ["10", "$LATEST", "2", "1"];

        Assert.Equal(["1", "2", "10", "$LATEST"], versions.OrderBy(Format.VersionKey).ToArray());
    }
}
