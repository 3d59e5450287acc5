using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Commands.Logs;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Cli;

/// <summary><c>thaw logs query</c> and <c>thaw logs tail</c> against a real Logs API over HTTP.</summary>
public sealed class LogsCommandTests : IAsyncLifetime
{
    private LogsServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LogsServer.StartAsync();
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        await _server.Store.AppendAsync("/aws/lambda/probe", "2026/12/04/[1]a",
        [
            new(t, "RESTORE_REPORT Restore Duration: 326.41 ms"),
            new(t + 1, "vinternal_1:02-00-00-00-00-01"),
            new(t + 2, "telemetry1_sb:02-00-00-00-00-02"),
            new(t + 3, "ERROR, something \"quoted\" failed"),
        ], TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(int Exit, string Out, string Err, string Table)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var tableOut = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(tableOut),
        });
        console.Profile.Width = 200;
        var root = new RootCommand { LogsCommand.Create(console, output, error, () => new HttpClient()) };
        var exit = await root.Parse([.. args, "--endpoint", _server.Address.ToString()]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString(), tableOut.ToString());
    }

    [Fact]
    public async Task Query_prints_a_table_of_the_seed_query()
    {
        var (exit, _, err, table) = await RunAsync("logs", "query", "-g", "/aws/lambda/probe", "--since", "1h",
            "filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr");
        Assert.True(exit == 0, err);
        Assert.Contains("nicName", table, StringComparison.Ordinal);
        Assert.Contains("telemetry1_sb", table, StringComparison.Ordinal);
        Assert.Contains("02-00-00-00-00-01", table, StringComparison.Ordinal);
        Assert.True(table.IndexOf("telemetry1_sb", StringComparison.Ordinal) < table.IndexOf("vinternal_1", StringComparison.Ordinal));
        Assert.Contains("2 rows", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_writes_json_and_csv()
    {
        var (exit, json, err, _) = await RunAsync("logs", "query", "-g", "/aws/lambda/probe", "-o", "json", "filter @message like /RESTORE_REPORT/ | stats count(*)");
        Assert.True(exit == 0, err);
        Assert.Equal("1", System.Text.Json.JsonDocument.Parse(json).RootElement[0].GetProperty("count(*)").GetString());

        (exit, var csv, err, _) = await RunAsync("logs", "query", "-g", "/aws/lambda/probe", "-o", "csv", "filter @message like /ERROR/ | fields @message");
        Assert.True(exit == 0, err);
        Assert.Equal(["@message", "\"ERROR, something \"\"quoted\"\" failed\""], csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Malformed_query_points_at_the_fault()
    {
        var (exit, _, err, _) = await RunAsync("logs", "query", "-g", "/aws/lambda/probe", "stats count(*) by");
        Assert.Equal(2, exit);
        Assert.Contains("MalformedQueryException", err, StringComparison.Ordinal);
        Assert.Contains("^", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_filters_with_a_pattern_and_unknown_groups_fail()
    {
        var (exit, output, err, _) = await RunAsync("logs", "tail", "/aws/lambda/probe", "--since", "1h", "--filter", "?vinternal_1 ?telemetry1_sb");
        Assert.True(exit == 0, err);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("2026/12/04/[1]a vinternal_1:02-00-00-00-00-01", lines[0].TrimEnd('\r'), StringComparison.Ordinal);

        (exit, _, err, _) = await RunAsync("logs", "tail", "/aws/lambda/none");
        Assert.Equal(1, exit);
        Assert.Contains("ResourceNotFoundException", err, StringComparison.Ordinal);
    }
}
