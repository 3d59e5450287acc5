using System.Text.Json;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>The real AWS CLI, pointed at the host with --endpoint-url, works unmodified.</summary>
public sealed class AwsCliTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string? Aws = FindAws();

    [Fact]
    public async Task The_AWS_CLI_creates_invokes_and_reads_logs()
    {
        if (Aws is null)
        {
            Assert.Skip("the aws CLI is not installed on this machine (it is on the project's CI machines: /root/.pyenv/shims/aws)");
        }

        var dir = Directory.CreateTempSubdirectory("thaw-awscli-");
        try
        {
            var zip = Path.Combine(dir.FullName, "fn.zip");
            await File.WriteAllBytesAsync(zip, ShellFunction.Package().Zip, TestContext.Current.CancellationToken);
            var created = JsonDocument.Parse(await AwsAsync("lambda", "create-function", "--function-name", "cli", "--runtime", "provided.al2023", "--role", "arn:aws:iam::000000000000:role/thaw", "--handler", "bootstrap", "--zip-file", "fileb://" + zip)).RootElement;
            Assert.Equal("cli", created.GetProperty("FunctionName").GetString());

            var outFile = Path.Combine(dir.FullName, "out.json");
            var invoked = JsonDocument.Parse(await AwsAsync("lambda", "invoke", "--function-name", "cli", "--payload", """{"action":"echo","from":"aws-cli"}""", "--log-type", "Tail", outFile)).RootElement;
            Assert.Equal(200, invoked.GetProperty("StatusCode").GetInt32());
            Assert.Equal("$LATEST", invoked.GetProperty("ExecutedVersion").GetString());
            var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(invoked.GetProperty("LogResult").GetString()!));
            Assert.Contains("REPORT RequestId:", log, StringComparison.Ordinal);
            Assert.Equal("aws-cli", JsonDocument.Parse(await File.ReadAllTextAsync(outFile, TestContext.Current.CancellationToken)).RootElement.GetProperty("from").GetString());

            var functions = JsonDocument.Parse(await AwsAsync("lambda", "list-functions")).RootElement;
            Assert.Contains(functions.GetProperty("Functions").EnumerateArray(), f => f.GetProperty("FunctionName").GetString() == "cli");

            var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => AwsAsync("lambda", "get-function", "--function-name", "nope"));
            Assert.Contains("ResourceNotFoundException", missing.Message, StringComparison.Ordinal);

            var groups = JsonDocument.Parse(await AwsAsync("logs", "describe-log-groups")).RootElement;
            Assert.Contains(groups.GetProperty("logGroups").EnumerateArray(), g => g.GetProperty("logGroupName").GetString() == "/aws/lambda/cli");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private Task<string> AwsAsync(params string[] args) =>
        ProcessRunner.RunAsync(Aws!, [.. args, "--endpoint-url", fixture.Host.BaseUri.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json"], env: new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_PAGER"] = "",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        }, timeout: TimeSpan.FromMinutes(2));

    private static string? FindAws()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/root/.pyenv/shims").Append("/usr/local/bin"))
        {
            var path = Path.Combine(dir, "aws");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
