using System.Diagnostics;

namespace Thaw.Agent.Tests.Lifecycle;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new string[0], null, "missing the runtime command")]
    [InlineData(new[] { "--" }, null, "missing the runtime command")]
    [InlineData(new[] { "--verbose", "--", "/bin/true" }, null, "unknown option '--verbose'")]
    [InlineData(new[] { "--", "/bin/true" }, "localhost", "is not host:port")]
    public async Task BadCommandLine_ExitsWith2_AndSaysWhy(string[] args, string? listen, string message)
    {
        var (exitCode, stderr) = await RunAgentAsync(args, listen);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("usage: thaw-agent --", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_ExitsWith1()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var (exitCode, stderr) = await RunAgentAsync(["--", "/bin/true"], $"127.0.0.1:{port}");
        Assert.Equal(1, exitCode);
        Assert.Contains("cannot listen", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunAgentAsync(string[] args, string? listen)
    {
        var start = new ProcessStartInfo { RedirectStandardError = true, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        var native = Environment.GetEnvironmentVariable("THAW_AGENT_EXECUTABLE");
        if (!string.IsNullOrEmpty(native))
        {
            start.FileName = native;
        }
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "thaw-agent.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("THAW_AGENT_LISTEN");
        if (listen is not null)
        {
            start.Environment["THAW_AGENT_LISTEN"] = listen;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(Harness.AgentProcess.Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
