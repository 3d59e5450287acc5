using Thaw.Cli.Tests.Support;
using Thaw.Host;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw serve</c> resolves its settings (flags, then THAW_* variables, then defaults) and stops cleanly when cancelled.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Flags_win_over_environment_variables()
    {
        var (harness, seen) = Capturing();
        harness.Environment["THAW_PORT"] = "9400";
        harness.Environment["THAW_LISTEN"] = "0.0.0.0";
        harness.Environment["THAW_STATE_DIR"] = "/tmp/from-env";

        var run = await harness.RunAsync("serve", "--port", "9500", "--listen", "127.0.0.1", "--state-dir", "/tmp/from-flag");

        Assert.True(run.ExitCode == 0, run.ToString());
        var options = Assert.Single(seen);
        Assert.Equal(9500, options.Port);
        Assert.Equal("127.0.0.1", options.ListenAddress);
        Assert.Equal("/tmp/from-flag", options.StateDirectory);
    }

    [Fact]
    public async Task Environment_variables_win_over_defaults()
    {
        var (harness, seen) = Capturing();
        harness.Environment["THAW_PORT"] = "9400";
        harness.Environment["THAW_LISTEN"] = "0.0.0.0";
        harness.Environment["THAW_STATE_DIR"] = "relative/state";
        harness.CurrentDirectory = "/srv";

        var run = await harness.RunAsync("serve");

        Assert.True(run.ExitCode == 0, run.ToString());
        var options = Assert.Single(seen);
        Assert.Equal(9400, options.Port);
        Assert.Equal("0.0.0.0", options.ListenAddress);
        Assert.Equal("/srv/relative/state", options.StateDirectory);
    }

    [Fact]
    public async Task Defaults_are_the_documented_ones()
    {
        var (harness, seen) = Capturing();

        var run = await harness.RunAsync("serve");

        Assert.True(run.ExitCode == 0, run.ToString());
        var options = Assert.Single(seen);
        Assert.Equal(9300, options.Port);
        Assert.Equal("127.0.0.1", options.ListenAddress);
        Assert.Contains("thaw", options.StateDirectory, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("THAW_PORT", "http")]
    [InlineData("THAW_PORT", "99999")]
    [InlineData("THAW_LISTEN", "everywhere")]
    public async Task A_bad_environment_variable_is_named_in_the_error(string variable, string value)
    {
        var (harness, seen) = Capturing();
        harness.Environment[variable] = value;

        var run = await harness.RunAsync("serve");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(variable, run.Error, StringComparison.Ordinal);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task Ctrl_C_stops_the_host_and_exits_0()
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = false;
        var harness = new CliHarness
        {
            RunServer = async (options, started, token) =>
            {
                started?.Invoke(new Uri("http://127.0.0.1:9300/"));
                listening.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                finally
                {
                    stopped = true;
                }
            },
        };
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = harness.RunAsync(ctrlC.Token, "serve");
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        var run = await running;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(stopped);
        Assert.Contains("listening on http://127.0.0.1:9300/", run.Error, StringComparison.Ordinal);
        Assert.Contains("stopped", run.Error, StringComparison.Ordinal);
    }

    private static (CliHarness Harness, List<ServerOptions> Seen) Capturing()
    {
        var seen = new List<ServerOptions>();
        var harness = new CliHarness
        {
            RunServer = (options, started, _) =>
            {
                seen.Add(options);
                started?.Invoke(new Uri($"http://{options.ListenAddress}:{options.Port}/"));
                return Task.CompletedTask;
            },
        };
        return (harness, seen);
    }
}
