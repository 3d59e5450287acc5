using System.Net;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>What survives a host restart, and what must not survive a host stop.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_restart_keeps_functions_versions_aliases_and_logs()
    {
        await using var host = await ThawHostInstance.StartAsync();
        await host.Lambda.CreateFunctionAsync("durable", ShellFunction.Package());
        await host.Lambda.PublishAndWaitAsync("durable");
        await host.Lambda.SendAsync(HttpMethod.Post, "/2015-03-31/functions/durable/aliases", """{"Name":"prod","FunctionVersion":"1"}""");
        var before = await host.Lambda.InvokeAsync("durable:prod", """{"action":"echo","mark":"before-restart"}""");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        await LambdaHttp.WaitUntilAsync<bool>(async () => (await host.Lambda.AllLogEventsAsync("/aws/lambda/durable")).Any(e => e.Message.StartsWith("REPORT", StringComparison.Ordinal)) ? true : null, TimeSpan.FromSeconds(30));

        await host.RestartAsync();

        var config = await host.Lambda.GetConfigurationAsync("durable", "prod");
        Assert.Equal(HttpStatusCode.OK, config.Status);
        Assert.Equal("1", config.Json.GetProperty("Version").GetString());
        var logs = await host.Lambda.AllLogEventsAsync("/aws/lambda/durable");
        Assert.Contains(logs, e => e.Message.StartsWith("REPORT", StringComparison.Ordinal));
        var after = await host.Lambda.InvokeAsync("durable:prod", """{"action":"echo"}""");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("1", after.Header("X-Amz-Executed-Version"));
    }

    [Fact]
    public async Task Stopping_the_host_leaves_no_process_cgroup_or_mount_behind()
    {
        var host = await ThawHostInstance.StartAsync();
        int[] pids;
        try
        {
            await host.Lambda.CreateFunctionAsync("leftovers", ShellFunction.Package());
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Lambda.InvokeAsync("leftovers", """{"action":"sleep","seconds":1}""")));
            var envs = await host.Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments", null);
            pids = envs.Json.GetProperty("Environments").EnumerateArray().Select(e => e.GetProperty("HostPid").GetInt32()).ToArray();
            Assert.Equal(3, pids.Length);
            Assert.All(pids, p => Assert.True(Directory.Exists($"/proc/{p}")));
        }
        finally
        {
            await host.StopAsync();
        }

        // Dead means gone, or a zombie waiting for the machine's init to reap it (it runs nothing and holds no memory).
        Assert.All(pids, p => Assert.False(IsRunning(p), $"environment process {p} survived the host: {Describe(p)}"));
        var mounts = await File.ReadAllTextAsync("/proc/self/mountinfo", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(host.StateDirectory, mounts, StringComparison.Ordinal);
        // The host's own cgroup parent is named after its state directory (see ThawServer).
        var name = "thaw-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(host.StateDirectory))))[..12];
        foreach (var root in new[] { "/sys/fs/cgroup/memory", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" })
        {
            var parent = Path.Combine(root, name);
            Assert.True(!Directory.Exists(parent) || !Directory.EnumerateDirectories(parent).Any(), $"cgroups left under {parent}");
        }
        await host.DisposeAsync();
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllLines($"/proc/{pid}/status").Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status").Where(l => l.StartsWith("State:", StringComparison.Ordinal) || l.StartsWith("PPid:", StringComparison.Ordinal));
            return string.Join(", ", status) + " cmd " + File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "gone";
        }
    }
}
