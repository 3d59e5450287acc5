using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Thaw.Sandbox.Linux;
using Thaw.Sandbox.Tests.Support;

namespace Thaw.Sandbox.Tests;

public sealed class IsolationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Environment_sees_only_itself()
    {
        // A private file of a user on the host, there before the environment starts.
        var home = Directory.CreateDirectory(Path.Combine("/home", "thaw-isolation-" + Guid.NewGuid().ToString("N")[..8]));
        File.WriteAllText(Path.Combine(home.FullName, "credentials"), "secret");
        try
        {
            await SeesOnlyItselfAsync(home.FullName);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private async Task SeesOnlyItselfAsync(string home)
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sw = Stopwatch.StartNew();
        var env = await ctx.StartAsync(ctx.Spec(), cts.Token);
        output.WriteLine($"start: {sw.Elapsed.TotalMilliseconds:0} ms");

        var info = await FixtureAgent.InfoAsync(env, cts.Token, ctx.StateDirectory, ctx.ScratchDirectory, "/dev", "/home");

        // Pid 1 of its own pid namespace, and alone there.
        Assert.Equal(1, info.GetProperty("pid").GetInt32());
        Assert.Equal([1], info.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()));
        Assert.StartsWith("thaw-", info.GetProperty("hostname").GetString(), StringComparison.Ordinal);
        Assert.Equal("/var/task", info.GetProperty("cwd").GetString());

        // Only the three pipes to the host are inherited (the fourth descriptor is the one listing /proc/self/fd).
        var fds = info.GetProperty("fds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.All(["0", "1", "2"], fd => Assert.StartsWith("pipe:[", fds[fd], StringComparison.Ordinal));
        Assert.Equal(3, fds.Values.Distinct().Count(v => v.StartsWith("pipe:[", StringComparison.Ordinal)));
        Assert.InRange(fds.Count, 3, 4);

        // Exactly lo and the veth pair, with random locally administered unicast MACs that the host reads too.
        Assert.Equal(["lo", "telemetry1_sb", "vinternal_1"], info.GetProperty("interfaces").EnumerateArray().Select(e => e.GetString()));
        var macs = FixtureAgent.Macs(info);
        Assert.All(macs.Values, m => Assert.True(MacAddresses.IsLocalUnicast(m), m));
        Assert.NotEqual(macs["vinternal_1"], macs["telemetry1_sb"]);
        Assert.Equal(macs.OrderBy(m => m.Key).Select(m => new NetworkInterfaceInfo(m.Key, m.Value)), env.Interfaces);

        // The state and scratch directories and the host's home directories show nothing; the code is mounted
        // read-only; /dev has no disks.
        // (A directory inside a covered one, such as a state directory under /var/tmp, does not even exist there.)
        var listings = info.GetProperty("listings");
        static void ShowsNothing(JsonElement listing) => Assert.True(
            listing.ValueKind == JsonValueKind.Array ? listing.GetArrayLength() == 0 : listing.GetString() == "error: No such file or directory",
            listing.ToString());
        ShowsNothing(listings.GetProperty(ctx.StateDirectory));
        ShowsNothing(listings.GetProperty(ctx.ScratchDirectory));
        Assert.Empty(listings.GetProperty("/home").EnumerateArray());
        var read = await FixtureAgent.InvokeAsync(env, new Command("shell") { Text = $"cat {home}/credentials" }, cts.Token);
        Assert.True(read.GetProperty("exitCode").GetInt32() != 0, read.ToString());
        Assert.Equal(["fd", "full", "null", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero"], listings.GetProperty("/dev").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["handler.txt"], info.GetProperty("task").EnumerateArray().Select(e => e.GetString()));
        var write = await FixtureAgent.InvokeAsync(env, new Command("write") { Path = "/var/task/new.txt", Text = "x" }, cts.Token);
        Assert.False(write.GetProperty("ok").GetBoolean());
        Assert.False(File.Exists(Path.Combine(ctx.CodeDirectory, "new.txt")));

        // The agent's environment is the spec's variables plus DOTNET_EnableDiagnostics=0, nothing of the host's.
        var environ = info.GetProperty("environ").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("us-east-1", environ["AWS_REGION"]);
        Assert.Equal("0", environ["DOTNET_EnableDiagnostics"]);
        Assert.DoesNotContain("HOME", environ.Keys);
        Assert.DoesNotContain("PATH", environ.Keys);

        Assert.Equal(["/dev/shm", "/proc", "/tmp"], info.GetProperty("writableMounts").EnumerateArray().Select(e => e.GetString()));

        // Nothing can be undone or written outside /tmp: the root is read-only, there are no capabilities.
        foreach (var cmd in new[] { $"umount {ctx.StateDirectory}", "mount -t tmpfs x /mnt", "touch /var/tmp/x", "touch /etc/x", "touch /dev/x", "echo 1 > /proc/sys/vm/drop_caches", "ip link set vinternal_1 down", "mknod /tmp/disk b 254 0", "nsenter -t 1 -m true" })
        {
            var r = await FixtureAgent.InvokeAsync(env, new Command("shell") { Text = cmd }, cts.Token);
            Assert.True(r.GetProperty("exitCode").GetInt32() != 0, $"{cmd}: {r}");
        }

        Assert.Empty(Directory.GetFileSystemEntries("/var/tmp", "x"));
        var capabilities = await FixtureAgent.InvokeAsync(env, new Command("shell") { Text = "grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status" }, cts.Token);
        var status = capabilities.GetProperty("output").GetString()!.Split('\n').Select(l => string.Join(' ', l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(["CapEff: 0000000000000000", "CapBnd: 0000000000000000", "NoNewPrivs: 1"], status);

        // No route anywhere: only loopback routes would show, and /proc/net/route lists none.
        Assert.Empty(info.GetProperty("routes").EnumerateArray());
    }

    [Fact]
    public void Host_private_directories_are_covered_unless_they_hold_the_agent_or_a_mount()
    {
        var hidden = LinuxSandbox.HiddenHostDirectories(["/root/checkout/artifacts/agent/thaw-agent", "--flag"], out var visible);
        Assert.DoesNotContain("/root", hidden);
        Assert.Contains(visible, v => v.Directory == "/root" && v.Reason.Contains("/root/checkout/artifacts/agent/thaw-agent", StringComparison.Ordinal));
        Assert.Contains("/home", hidden);

        hidden = LinuxSandbox.HiddenHostDirectories(["/usr/local/bin/thaw-agent"], out visible);
        Assert.Contains("/root", hidden);
        Assert.Contains("/etc/ssh", hidden);
        var mounts = File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).ToList();
        foreach (var directory in LinuxSandbox.HostPrivateDirectories.Where(Directory.Exists))
        {
            var mounted = mounts.Any(m => m == directory || m.StartsWith(directory + "/", StringComparison.Ordinal));
            Assert.Equal(!mounted, hidden.Contains(directory));
        }
    }

    [Fact]
    public async Task Environments_do_not_share_tmp_or_network()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var a = await ctx.StartAsync(ctx.Spec(), cts.Token);
        var b = await ctx.StartAsync(ctx.Spec(), cts.Token);

        var wrote = await FixtureAgent.InvokeAsync(a, new Command("write") { Path = "/tmp/only-a.txt", Text = "a" }, cts.Token);
        Assert.True(wrote.GetProperty("ok").GetBoolean());
        var read = await FixtureAgent.InvokeAsync(b, new Command("read") { Path = "/tmp/only-a.txt" }, cts.Token);
        Assert.False(read.GetProperty("ok").GetBoolean());
        Assert.False(File.Exists("/tmp/only-a.txt"));

        var infoA = await FixtureAgent.InfoAsync(a, cts.Token);
        var infoB = await FixtureAgent.InfoAsync(b, cts.Token);
        Assert.NotEqual(infoA.GetProperty("tmpRandom").GetString(), infoB.GetProperty("tmpRandom").GetString());
        Assert.Empty(FixtureAgent.Macs(infoA).Values.Intersect(FixtureAgent.Macs(infoB).Values));
        Assert.NotEqual(a.HostPid, b.HostPid);

        // A listener on the host's loopback is out of reach: the environment's loopback is its own.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connect = await FixtureAgent.InvokeAsync(a, new Command("connect") { Host = "127.0.0.1", Port = port }, cts.Token);
        Assert.False(connect.GetProperty("ok").GetBoolean(), connect.ToString());
        var outside = await FixtureAgent.InvokeAsync(a, new Command("connect") { Host = "10.0.0.1", Port = 80 }, cts.Token);
        Assert.False(outside.GetProperty("ok").GetBoolean(), outside.ToString());
        Assert.Contains("unreachable", outside.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_failure_reports_the_agent_stderr_and_cleans_up()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sandbox = new LinuxSandbox(["/usr/bin/python3", "-c", "import sys; sys.stderr.write('agent cannot start\\n'); sys.exit(3)"], null, ctx.StateDirectory, ctx.ScratchDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System, ctx.CgroupName);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.StartAsync(ctx.Spec(), cts.Token));
        Assert.Contains("agent cannot start", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(ctx.CgroupParent) ? Directory.GetDirectories(ctx.CgroupParent) : []);
        Assert.Empty(Directory.GetDirectories(ctx.ScratchDirectory));
    }
}
