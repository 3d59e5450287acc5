using System.Diagnostics;
using System.Text.Json;
using Thaw.Agent.Protocol;
using Thaw.Sandbox.Linux;
using Thaw.Sandbox.Tests.Support;

namespace Thaw.Sandbox.Tests;

public sealed class SnapshotRestoreTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Clones_carry_tmp_memory_tcp_and_macs_of_the_snapshot()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (snapshot, image, before) = await SnapshotAsync(ctx, cts.Token);

        var files = Directory.GetFiles(snapshot);
        Assert.Contains(Path.Combine(snapshot, "manifest.json"), files);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(snapshot));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.Equal([snapshot], Directory.GetDirectories(Path.GetDirectoryName(snapshot)!));
        Assert.Equal(Agent(before).OrderBy(m => m.Key).Select(m => new NetworkInterfaceInfo(m.Key, m.Value)), image.Interfaces);
        var read = ctx.Sandbox.ReadSnapshot(snapshot);
        Assert.Equal((image.Directory, image.SizeBytes, image.CreatedAt), (read.Directory, read.SizeBytes, read.CreatedAt));
        Assert.Equal(image.Interfaces, read.Interfaces);

        var sw = Stopwatch.StartNew();
        var single = await ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId() }, cts.Token);
        output.WriteLine($"1 restore (verify + criu restore): {sw.Elapsed.TotalMilliseconds:0} ms");
        await single.KillAsync();
        sw.Restart();
        var clones = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId() }, cts.Token)));
        output.WriteLine($"3 concurrent restores: {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(3, clones.Select(c => c.HostPid).Distinct().Count());

        foreach (var clone in clones)
        {
            await clone.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 10000 }, ReadOnlyMemory<byte>.Empty, cts.Token);
            var complete = await FixtureAgent.ExpectAsync(clone, FrameKind.RestoreComplete, cts.Token);
            Assert.Equal("ping!", complete.GetString("tcp"));

            var info = await FixtureAgent.InfoAsync(clone, cts.Token);
            Assert.Equal(1, info.GetProperty("pid").GetInt32());
            Assert.Equal(2, info.GetProperty("pids").GetArrayLength());
            Assert.Equal(before.GetProperty("tmpRandom").GetString(), info.GetProperty("tmpRandom").GetString());
            Assert.Equal(before.GetProperty("random").GetString(), info.GetProperty("random").GetString());
            Assert.Equal(Agent(before), Agent(info));
            Assert.Equal(image.Interfaces, clone.Interfaces);
            Assert.Equal(["handler.txt"], info.GetProperty("task").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(info.GetProperty("routes").EnumerateArray());
            Assert.Equal(before.GetProperty("writableMounts").EnumerateArray().Select(e => e.GetString()), info.GetProperty("writableMounts").EnumerateArray().Select(e => e.GetString()));
            var write = await FixtureAgent.InvokeAsync(clone, new Command("write") { Path = "/var/task/x", Text = "x" }, cts.Token);
            Assert.False(write.GetProperty("ok").GetBoolean());
        }

        // Each clone has its own /tmp.
        var first = await FixtureAgent.InvokeAsync(clones[0], new Command("write") { Path = "/tmp/clone0.txt", Text = "0" }, cts.Token);
        Assert.True(first.GetProperty("ok").GetBoolean());
        var other = await FixtureAgent.InvokeAsync(clones[1], new Command("read") { Path = "/tmp/clone0.txt" }, cts.Token);
        Assert.False(other.GetProperty("ok").GetBoolean());
        Assert.All(clones, c => Assert.NotNull(c.MemoryPeakBytes));

        // Restoring never modifies the snapshot.
        _ = await LinuxSandbox.VerifySnapshotAsync(snapshot, cts.Token);
    }

    [Fact]
    public async Task Regenerated_clones_get_new_distinct_macs()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (snapshot, image, before) = await SnapshotAsync(ctx, cts.Token);

        var clones = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId(), RegenerateNetworkIdentity = true }, cts.Token)));
        var seen = new HashSet<string>(image.Interfaces.Select(i => i.MacAddress));
        foreach (var clone in clones)
        {
            await clone.SendAsync(FrameKind.Restore, new Dictionary<string, object?>(), ReadOnlyMemory<byte>.Empty, cts.Token);
            var complete = await FixtureAgent.ExpectAsync(clone, FrameKind.RestoreComplete, cts.Token);
            Assert.Equal("ping!", complete.GetString("tcp"));
            var macs = Agent(await FixtureAgent.InfoAsync(clone, cts.Token));
            Assert.Equal(["telemetry1_sb", "vinternal_1"], macs.Keys.Order(StringComparer.Ordinal));
            Assert.All(macs.Values, m => Assert.True(MacAddresses.IsLocalUnicast(m), m));
            Assert.All(macs.Values, m => Assert.True(seen.Add(m), $"{m} repeated"));
            Assert.Equal(macs.OrderBy(m => m.Key).Select(m => new NetworkInterfaceInfo(m.Key, m.Value)), clone.Interfaces);
        }

        _ = before;
    }

    [Fact]
    public async Task Thirty_concurrent_restores_from_one_snapshot_all_work()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var (snapshot, image, before) = await SnapshotAsync(ctx, cts.Token);
        output.WriteLine($"image: {image.SizeBytes / 1024} KiB");

        var sw = Stopwatch.StartNew();
        var clones = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId(), RegenerateNetworkIdentity = i % 2 == 0 }, cts.Token)));
        output.WriteLine($"30 concurrent restores: {sw.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(30, clones.Select(c => c.HostPid).Distinct().Count());

        var results = await Task.WhenAll(clones.Select(async (clone, i) =>
        {
            await clone.SendAsync(FrameKind.Restore, new Dictionary<string, object?>(), ReadOnlyMemory<byte>.Empty, cts.Token);
            var complete = await FixtureAgent.ExpectAsync(clone, FrameKind.RestoreComplete, cts.Token);
            var wrote = await FixtureAgent.InvokeAsync(clone, new Command("write") { Path = "/tmp/mine.txt", Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cts.Token);
            var read = await FixtureAgent.InvokeAsync(clone, new Command("read") { Path = "/tmp/mine.txt" }, cts.Token);
            var info = await FixtureAgent.InfoAsync(clone, cts.Token);
            return (Tcp: complete.GetString("tcp"), Wrote: wrote.GetProperty("ok").GetBoolean(), Read: read.GetProperty("text").GetString(), Info: info);
        }));
        output.WriteLine($"30 clones restored and answered: {sw.Elapsed.TotalMilliseconds:0} ms");

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("ping!", results[i].Tcp);
            Assert.True(results[i].Wrote);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), results[i].Read);
            Assert.Equal(before.GetProperty("random").GetString(), results[i].Info.GetProperty("random").GetString());
            Assert.Equal(["before.txt", "mine.txt"], results[i].Info.GetProperty("tmp").EnumerateArray().Select(e => e.GetString()));
        }

        // The regenerated half have MACs nobody else has.
        var regenerated = results.Where((_, i) => i % 2 == 0).SelectMany(r => Agent(r.Info).Values).ToList();
        Assert.Equal(regenerated.Count, regenerated.Distinct().Count());
        Assert.Empty(regenerated.Intersect(image.Interfaces.Select(n => n.MacAddress)));

        await Task.WhenAll(clones.Select(c => c.KillAsync().AsTask()));
        Assert.Empty(Directory.GetDirectories(ctx.CgroupParent));
        // Restored clones are re-parented to init, which reaps them.
        foreach (var c in clones)
        {
            await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{c.HostPid}"), $"pid {c.HostPid} is gone", cts.Token);
        }
    }

    [Fact]
    public async Task Snapshot_of_an_undumpable_environment_leaves_nothing()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var env = await ctx.StartAsync(ctx.Spec(), cts.Token);
        var r = await FixtureAgent.InvokeAsync(env, new Command("undumpable"), cts.Token);
        Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString());

        var target = ctx.SnapshotPath();
        var e = await Assert.ThrowsAsync<CriuFailedException>(() => ctx.Sandbox.SnapshotAsync(env, target, cts.Token));
        Assert.Contains("Dumping FAILED", e.LogTail, StringComparison.Ordinal);
        Assert.Contains("Can't retrieve FDs", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(target)!));
        await env.Exited.WaitAsync(cts.Token);
        Assert.Empty(Directory.GetDirectories(ctx.CgroupParent));
    }

    [Fact]
    public async Task Snapshot_into_an_existing_directory_is_refused()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var env = await ctx.StartAsync(ctx.Spec(), cts.Token);
        var target = Directory.CreateDirectory(ctx.SnapshotPath()).FullName;
        await Assert.ThrowsAsync<IOException>(() => ctx.Sandbox.SnapshotAsync(env, target, cts.Token));
        Assert.Empty(Directory.GetFileSystemEntries(target));
        var info = await FixtureAgent.InfoAsync(env, cts.Token);
        Assert.Equal(1, info.GetProperty("pid").GetInt32());
    }

    internal static async Task<(string Snapshot, SnapshotImage Image, JsonElement Before)> SnapshotAsync(SandboxTestContext ctx, CancellationToken cancellationToken)
    {
        if (!ctx.Sandbox.Capabilities.CanSnapshot)
        {
            Assert.Fail($"CRIU is unusable here ({ctx.Sandbox.Capabilities.SnapshotProblem}); run scripts/build-criu.sh.");
        }

        var env = await ctx.StartAsync(ctx.Spec(snapshotMode: true), cancellationToken);
        _ = await FixtureAgent.ExpectAsync(env, FrameKind.SnapshotReady, cancellationToken);
        var before = await FixtureAgent.InfoAsync(env, cancellationToken);
        var snapshot = ctx.SnapshotPath();
        var sw = Stopwatch.StartNew();
        var image = await ctx.Sandbox.SnapshotAsync(env, snapshot, cancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"snapshot (dump + manifest) of {image.SizeBytes / 1024} KiB: {sw.Elapsed.TotalMilliseconds:0} ms");
        await env.Exited.WaitAsync(cancellationToken);
        return (snapshot, image, before);
    }

    private static Dictionary<string, string> Agent(JsonElement info) => FixtureAgent.Macs(info);
}
