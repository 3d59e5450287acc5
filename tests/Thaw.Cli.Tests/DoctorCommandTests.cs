using System.ComponentModel;
using Thaw.Cli.Common;
using Thaw.Cli.Tests.Support;
using Thaw.Sandbox;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw doctor</c>: a table of what works and what does not, with the reason, from the probe and the CLI's own checks.</summary>
public sealed class DoctorCommandTests : IAsyncLifetime
{
    private FakeLambdaHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_missing_criu_is_a_failure_with_its_reason()
    {
        var harness = Harness(new SandboxCapabilities(true, null, false, "criu check failed: no userfaultfd", null, null));

        var run = await harness.RunAsync("doctor");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"CRIU\s*│\s*FAIL\s*│\s*No working CRIU: criu check failed: no userfaultfd", run.Out);
        Assert.Contains("on-demand mode", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Host\s*│\s*ok\s*│\s*A Thaw host answers at", run.Out);
        Assert.Matches(@"\.NET SDK\s*│\s*ok\s*│\s*10\.0\.100", run.Out);
    }

    [Fact]
    public async Task Isolation_problems_are_reported_with_the_probe_s_reason()
    {
        var harness = Harness(new SandboxCapabilities(false, "Thaw must run as root", false, "needs root", null, null));

        var run = await harness.RunAsync("doctor");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"Isolation\s*│\s*FAIL\s*│\s*Execution environments cannot be isolated: Thaw must run as root", run.Out);
    }

    [Fact]
    public async Task A_probe_that_throws_is_a_failed_row_not_a_crash()
    {
        var harness = Harness(null);
        harness.ProbeSandbox = () => throw new IOException("/proc is not mounted");

        var run = await harness.RunAsync("doctor");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"Sandbox probe\s*│\s*FAIL\s*│\s*The probe itself failed: IOException: /proc is not mounted", run.Out);
    }

    [Fact]
    public async Task A_missing_dotnet_is_explained()
    {
        var harness = Harness(new SandboxCapabilities(true, null, true, null, null, "4.2.1"));
        harness.Processes = new FakeProcessRunner((file, _) => throw new Win32Exception(2, $"No such file: {file}"));

        var run = await harness.RunAsync("doctor");

        Assert.Matches(@"\.NET SDK\s*│\s*FAIL\s*│\s*No dotnet", run.Out);
        Assert.Contains("zips still work", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Criu_check_runs_the_probe_s_binary_when_root()
    {
        var harness = Harness(new SandboxCapabilities(true, null, true, null, "/opt/criu/criu", "4.2.1"));

        var run = await harness.RunAsync("doctor");

        if (Environment.IsPrivilegedProcess)
        {
            Assert.Contains(((FakeProcessRunner)harness.Processes).Calls, c => c.FileName == "/opt/criu/criu" && c.Arguments.SequenceEqual(["check"]));
            Assert.Matches(@"criu check\s*│\s*ok\s*│\s*Looks good\.", run.Out);
        }
        else
        {
            Assert.Matches(@"criu check\s*│\s*warn\s*│\s*Skipped", run.Out);
        }
    }

    private CliHarness Harness(SandboxCapabilities? capabilities)
    {
        var harness = new CliHarness
        {
            Processes = new FakeProcessRunner((file, args) => args.SequenceEqual(["check"]) ? new ProcessResult(0, "Looks good.", string.Empty) : new ProcessResult(0, "10.0.100\n", string.Empty)),
        };
        if (capabilities is not null)
        {
            harness.ProbeSandbox = () => capabilities;
        }

        harness.Environment["THAW_ENDPOINT"] = _host.Endpoint.ToString();
        return harness;
    }
}
