using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Api;

/// <summary>The real AWS CLI (`aws logs ... --endpoint-url`) against the Logs API: what users will type.</summary>
public sealed class AwsCliTests : IAsyncLifetime
{
    private LogsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LogsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static string? FindAws()
    {
        string[] candidates = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "aws")), "/root/.pyenv/shims/aws"];
        return candidates.FirstOrDefault(File.Exists);
    }

    private async Task<(int Exit, string Out, string Err)> AwsAsync(string aws, params string[] args)
    {
        var psi = new ProcessStartInfo(aws) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args.Concat(["--endpoint-url", _server.Address.ToString().TrimEnd('/'), "--output", "json"]))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["AWS_ACCESS_KEY_ID"] = "AKIDTHAWTEST";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        psi.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        psi.Environment["AWS_CONFIG_FILE"] = "/nonexistent";
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Aws_cli_creates_writes_queries_and_reads_logs()
    {
        var aws = FindAws();
        if (aws is null)
        {
            Assert.Skip("The aws CLI is not installed on this machine.");
        }

        var (exit, _, err) = await AwsAsync(aws, "logs", "create-log-group", "--log-group-name", "/aws/lambda/cli");
        Assert.True(exit == 0, err);
        (exit, _, err) = await AwsAsync(aws, "logs", "create-log-stream", "--log-group-name", "/aws/lambda/cli", "--log-stream-name", "2026/12/04/[1]abc");
        Assert.True(exit == 0, err);
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = new JsonArray(
            new JsonObject { ["timestamp"] = t, ["message"] = "RESTORE_REPORT Restore Duration: 326.41 ms" },
            new JsonObject { ["timestamp"] = t + 1, ["message"] = "vinternal_1:02-00-00-00-00-01" },
            new JsonObject { ["timestamp"] = t + 2, ["message"] = "telemetry1_sb:02-00-00-00-00-02" }).ToJsonString();
        (exit, _, err) = await AwsAsync(aws, "logs", "put-log-events", "--log-group-name", "/aws/lambda/cli", "--log-stream-name", "2026/12/04/[1]abc", "--log-events", events);
        Assert.True(exit == 0, err);

        var (e1, filtered, err1) = await AwsAsync(aws, "logs", "filter-log-events", "--log-group-name", "/aws/lambda/cli", "--filter-pattern", "?vinternal_1 ?telemetry1_sb");
        Assert.True(e1 == 0, err1);
        Assert.Equal(2, JsonNode.Parse(filtered)!["events"]!.AsArray().Count);

        var (e2, got, err2) = await AwsAsync(aws, "logs", "get-log-events", "--log-group-name", "/aws/lambda/cli", "--log-stream-name", "2026/12/04/[1]abc", "--start-from-head");
        Assert.True(e2 == 0, err2);
        Assert.Equal(3, JsonNode.Parse(got)!["events"]!.AsArray().Count);

        var (e3, started, err3) = await AwsAsync(aws, "logs", "start-query", "--log-group-name", "/aws/lambda/cli",
            "--start-time", ((t / 1000) - 60).ToString(CultureInfo.InvariantCulture), "--end-time", ((t / 1000) + 60).ToString(CultureInfo.InvariantCulture),
            "--query-string", "filter @message like /RESTORE_REPORT/ | stats count(*)");
        Assert.True(e3 == 0, err3);
        var id = JsonNode.Parse(started)!["queryId"]!.GetValue<string>();
        JsonNode? results = null;
        for (var i = 0; i < 30; i++)
        {
            var (e4, output, err4) = await AwsAsync(aws, "logs", "get-query-results", "--query-id", id);
            Assert.True(e4 == 0, err4);
            results = JsonNode.Parse(output)!;
            if (results["status"]!.GetValue<string>() == "Complete")
            {
                break;
            }
        }

        Assert.Equal("Complete", results!["status"]!.GetValue<string>());
        Assert.Equal("1", results["results"]![0]![0]!["value"]!.GetValue<string>());

        var (e5, _, err5) = await AwsAsync(aws, "logs", "describe-log-streams", "--log-group-name", "/aws/lambda/missing");
        Assert.NotEqual(0, e5);
        Assert.Contains("ResourceNotFoundException", err5, StringComparison.Ordinal);

        var (e6, _, err6) = await AwsAsync(aws, "logs", "start-query", "--log-group-name", "/aws/lambda/cli", "--start-time", "0", "--end-time", "1", "--query-string", "stats count(*) by");
        Assert.NotEqual(0, e6);
        Assert.Contains("MalformedQueryException", err6, StringComparison.Ordinal);
    }
}
