using Thaw.Sandbox.Tests.Support;

namespace Thaw.Sandbox.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Memory_limit_is_enforced_and_peak_reported()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var env = await ctx.StartAsync(ctx.Spec(memoryMb: 64), cts.Token);
        var limitFile = Path.Combine(ctx.CgroupParent, env.EnvironmentId, File.Exists(Path.Combine(ctx.CgroupParent, "memory.max")) ? "memory.max" : "memory.limit_in_bytes");
        Assert.Equal((64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(limitFile).Trim());

        var ok = await FixtureAgent.InvokeAsync(env, new Command("alloc") { Mb = 24 }, cts.Token);
        Assert.True(ok.GetProperty("ok").GetBoolean());
        var peak = env.MemoryPeakBytes;
        Assert.NotNull(peak);
        Assert.InRange(peak.Value, 24L * 1024 * 1024, 64L * 1024 * 1024);

        // Over the limit the kernel's OOM killer ends the agent, and with pid 1 the whole environment.
        await env.SendAsync(Agent.Protocol.FrameKind.Invoke, new Dictionary<string, object?> { ["requestId"] = "big" }, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Command("alloc") { Mb = 200 }, TestJsonContext.Default.Command), cts.Token);
        Assert.Null(await env.ReceiveAsync(cts.Token));
        await env.Exited.WaitAsync(cts.Token);
        Assert.InRange(env.MemoryPeakBytes ?? 0, 60L * 1024 * 1024, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task Processes_and_threads_are_limited_to_1024()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var env = await ctx.StartAsync(ctx.Spec(), cts.Token);
        var pidsCgroup = File.Exists(Path.Combine(ctx.CgroupParent, env.EnvironmentId, "pids.max"))
            ? Path.Combine(ctx.CgroupParent, env.EnvironmentId)
            : Path.Combine("/sys/fs/cgroup/pids", ctx.CgroupName, env.EnvironmentId);
        Assert.Equal("1024", File.ReadAllText(Path.Combine(pidsCgroup, "pids.max")).Trim());
        Assert.Contains(env.HostPid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllLines(Path.Combine(pidsCgroup, "cgroup.procs")));

        // A thread bomb stops short of the limit and the environment survives it.
        var r = await FixtureAgent.InvokeAsync(env, new Command("threads") { Mb = 2000 }, cts.Token);
        Assert.InRange(r.GetProperty("started").GetInt32(), 900, 1023);
        Assert.Contains("can't start new thread", r.GetProperty("error").GetString(), StringComparison.Ordinal);
        var info = await FixtureAgent.InfoAsync(env, cts.Token);
        Assert.Equal(1, info.GetProperty("pid").GetInt32());

        await env.KillAsync();
        Assert.False(Directory.Exists(pidsCgroup));
    }

    [Fact]
    public async Task Kill_leaves_no_process_cgroup_mount_or_file()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var mountsBefore = File.ReadAllLines("/proc/self/mountinfo").Length;
        var env = await ctx.StartAsync(ctx.Spec(snapshotMode: true), cts.Token);
        _ = await FixtureAgent.ExpectAsync(env, Agent.Protocol.FrameKind.SnapshotReady, cts.Token);
        var info = await FixtureAgent.InfoAsync(env, cts.Token);
        Assert.Equal(2, info.GetProperty("pids").GetArrayLength());
        var cgroup = Path.Combine(ctx.CgroupParent, env.EnvironmentId);
        var pids = File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs")).Select(int.Parse).ToArray();
        Assert.Contains(env.HostPid, pids);
        Assert.Equal(3, pids.Length); // unshare, the agent, its runtime
        var netns = new FileInfo($"/proc/{env.HostPid}/ns/net").LinkTarget;
        Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, netns);

        await env.KillAsync();
        await env.KillAsync();

        Assert.True(env.Exited.IsCompleted);
        Assert.False(Directory.Exists(cgroup));
        Assert.False(Directory.Exists(Path.Combine(ctx.ScratchDirectory, env.EnvironmentId)));
        foreach (var pid in pids)
        {
            await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{pid}"), $"pid {pid} is gone", cts.Token);
        }

        Assert.Equal(mountsBefore, File.ReadAllLines("/proc/self/mountinfo").Length);
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)), d => SameNetns(d, netns));
        Assert.Null(await env.ReceiveAsync(cts.Token));
    }

    [Fact]
    public async Task Started_and_restored_environments_leak_no_host_descriptors()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (snapshot, _, _) = await SnapshotRestoreTests.SnapshotAsync(ctx, cts.Token);

        // Warm up once (the runtime opens some descriptors of its own on first use), then count.
        await (await ctx.StartAsync(ctx.Spec(), cts.Token)).KillAsync();
        await (await ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId() }, cts.Token)).KillAsync();
        var before = OpenDescriptors();
        var beforeTargets = DescriptorTargets();
        for (var i = 0; i < 5; i++)
        {
            var started = await ctx.StartAsync(ctx.Spec(), cts.Token);
            var restored = await ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId(), RegenerateNetworkIdentity = true }, cts.Token);
            await started.KillAsync();
            await restored.KillAsync();
        }

        // The pidfd watchers close their descriptor when they see the exit.
        await Eventually.TrueAsync(() => OpenDescriptors() <= before + 2, $"descriptors are back to {before} (now {OpenDescriptors()}, new: {string.Join(", ", Diff(beforeTargets, DescriptorTargets()))})", cts.Token);
        Assert.Empty(Directory.GetDirectories(ctx.CgroupParent));
        Assert.Empty(Directory.GetDirectories(ctx.ScratchDirectory));
    }

    [Fact]
    public async Task Orphans_of_a_crashed_host_are_cleaned_up()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var env = await ctx.StartAsync(ctx.Spec(), cts.Token);
        var pid = env.HostPid;

        // A second sandbox on the same cgroup plays the restarted host.
        var restarted = new LinuxSandbox(["/bin/false"], null, ctx.StateDirectory, ctx.ScratchDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System, ctx.CgroupName);
        Assert.Equal(1, await restarted.CleanUpOrphansAsync(cts.Token));
        await env.Exited.WaitAsync(cts.Token);
        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{pid}"), "the orphan is gone", cts.Token);
        Assert.Empty(Directory.GetDirectories(ctx.CgroupParent));
    }

    [Fact]
    public async Task Disposing_the_sandbox_kills_every_environment_and_its_parent_cgroup()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sandbox = new LinuxSandbox(["/usr/bin/python3", SandboxTestContext.AgentScript], null, ctx.StateDirectory, ctx.ScratchDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System, ctx.CgroupName + "-dispose");
        var envs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => sandbox.StartAsync(ctx.Spec(), cts.Token)));
        foreach (var e in envs)
        {
            ctx.Track(e);
        }

        var parent = Path.GetDirectoryName(Path.Combine(ctx.CgroupParent))! + "/" + ctx.CgroupName + "-dispose";
        Assert.Equal(3, Directory.GetDirectories(parent).Length);
        await envs[0].KillAsync();
        await sandbox.DisposeAsync();
        Assert.All(envs, e => Assert.True(e.Exited.IsCompleted));
        Assert.False(Directory.Exists(parent));
    }

    private static List<string> Diff(List<string> before, List<string> after)
    {
        var remaining = after.ToList();
        foreach (var b in before)
        {
            _ = remaining.Remove(b);
        }

        return remaining;
    }

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private static List<string> DescriptorTargets() =>
        [.. Directory.GetFiles("/proc/self/fd").Select(f => new FileInfo(f).LinkTarget ?? "?").Select(t => t.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe" : t.StartsWith("socket:", StringComparison.Ordinal) ? "socket" : t)];

    private static bool SameNetns(string procDir, string? netns)
    {
        try
        {
            return new FileInfo(Path.Combine(procDir, "ns", "net")).LinkTarget == netns;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
