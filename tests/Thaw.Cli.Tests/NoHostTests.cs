using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary>When nothing listens at the endpoint, every command says so and how to start a host.</summary>
public sealed class NoHostTests
{
    [Theory]
    [InlineData("functions")]
    [InlineData("envs")]
    [InlineData("snapshots", "f")]
    [InlineData("invoke", "f")]
    [InlineData("publish", "f")]
    public async Task Commands_explain_how_to_start_a_host(params string[] args)
    {
        var endpoint = $"http://127.0.0.1:{FreePort.Get()}";

        var run = await new CliHarness().RunAsync([.. args, "--endpoint", endpoint]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"No Thaw host answers at {endpoint}/", run.Error, StringComparison.Ordinal);
        Assert.Contains("thaw serve --port", run.Error, StringComparison.Ordinal);
        Assert.Contains("./thaw serve", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_endpoint_is_used_without_flag_or_variable()
    {
        // Whatever listens on 9300 on this machine, the request must go there; with nothing there, the hint has no --port.
        var run = await new CliHarness().RunAsync("envs");

        if (run.ExitCode == 3)
        {
            Assert.Contains("No Thaw host answers at http://127.0.0.1:9300/", run.Error, StringComparison.Ordinal);
            Assert.Contains("`thaw serve`", run.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("127.0.0.1:9300", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Doctor_reports_a_missing_host_as_a_warning_not_a_failure()
    {
        var harness = new CliHarness { Processes = new FakeProcessRunner((_, _) => new Common.ProcessResult(0, "10.0.100", string.Empty)) };

        var run = await harness.RunAsync("doctor", "--endpoint", $"http://127.0.0.1:{FreePort.Get()}");

        Assert.Contains("No host answers at", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Host\s*│\s*warn", run.Out);
    }
}
