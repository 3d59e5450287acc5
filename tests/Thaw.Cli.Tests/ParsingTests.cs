using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary>Bad command lines are refused before anything is sent, with an error that names the problem.</summary>
public sealed class ParsingTests
{
    [Theory]
    [InlineData(new[] { "deploy", "x" }, "--name")]
    [InlineData(new[] { "deploy", "x", "--name", "bad name" }, "is not a function name")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--memory", "64" }, "--memory must be between 128 and 10240")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--timeout", "901" }, "--timeout must be between 1 and 900")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--snapshots", "0" }, "--snapshots must be between 1 and 100")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--network-identity", "keep" }, "keep")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--env", "NOEQUALS" }, "is not KEY=VALUE")]
    [InlineData(new[] { "deploy", "x", "--name", "f", "--env", "1X=2" }, "is not KEY=VALUE")]
    [InlineData(new[] { "deploy", "--name", "f" }, "Required argument missing")]
    [InlineData(new[] { "invoke", "f", "--payload", "{}", "--payload-file", "p.json" }, "either --payload or --payload-file")]
    [InlineData(new[] { "invoke", "f:bad qualifier" }, "is not a version or alias")]
    [InlineData(new[] { "invoke", "" }, "a function name has 1 to 64 characters")]
    [InlineData(new[] { "publish", "f:3" }, "without a qualifier")]
    [InlineData(new[] { "snapshots", "f:1:2" }, "is not a version or alias")]
    [InlineData(new[] { "envs", "--function", "no spaces" }, "--function")]
    [InlineData(new[] { "serve", "--port", "70000" }, "--port must be between 0 and 65535")]
    [InlineData(new[] { "serve", "--listen", "not-an-address" }, "is not an IP address")]
    [InlineData(new[] { "functions", "--endpoint", "ftp://example" }, "is not an http(s) URL")]
    [InlineData(new[] { "demo", "--requests", "0" }, "--requests must be between 1 and 1000")]
    [InlineData(new[] { "demo", "--network-identity", "random" }, "random")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public async Task Invalid_command_lines_fail_with_a_clear_error(string[] args, string expected)
    {
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var harness = new CliHarness();
        harness.Environment["THAW_ENDPOINT"] = host.Endpoint.ToString();

        var run = await harness.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await new CliHarness().RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "serve", "deploy", "publish", "invoke", "functions", "envs", "snapshots", "logs", "doctor", "demo", "version" })
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var run = await new CliHarness().RunAsync("version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("thaw ", run.Out, StringComparison.Ordinal);
        Assert.Contains(".NET", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_host_and_port_endpoint_means_http()
    {
        await using var host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        host.AddFunction("f");

        var run = await new CliHarness().RunAsync("functions", "--endpoint", $"127.0.0.1:{host.Endpoint.Port}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("f", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_THAW_ENDPOINT_is_reported_by_name()
    {
        var harness = new CliHarness();
        harness.Environment["THAW_ENDPOINT"] = "ftp://nowhere";

        var run = await harness.RunAsync("functions");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("THAW_ENDPOINT", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_is_wired_in_and_says_when_no_host_answers()
    {
        var endpoint = $"http://127.0.0.1:{FreePort.Get()}";

        var run = await new CliHarness().RunAsync("logs", "tail", "f", "--endpoint", endpoint);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("127.0.0.1", run.Out + run.Error, StringComparison.Ordinal);
    }
}
