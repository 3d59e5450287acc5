using System.Diagnostics;
using Thaw.Sandbox.Tests.Support;

namespace Thaw.Sandbox.Tests;

public sealed class SnapshotIntegrityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corrupted_missing_or_extra_files_are_detected_and_never_restored()
    {
        await using var ctx = new SandboxTestContext();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (snapshot, image, _) = await SnapshotRestoreTests.SnapshotAsync(ctx, cts.Token);

        var sw = Stopwatch.StartNew();
        _ = await LinuxSandbox.VerifySnapshotAsync(snapshot, cts.Token);
        output.WriteLine($"verify {image.SizeBytes / 1024} KiB: {sw.Elapsed.TotalMilliseconds:0.0} ms");

        var pages = Directory.GetFiles(snapshot, "pages-*.img").OrderByDescending(f => new FileInfo(f).Length).First();
        var original = await File.ReadAllBytesAsync(pages, cts.Token);

        // One flipped bit in the middle of the memory pages.
        var flipped = (byte[])original.Clone();
        flipped[flipped.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(pages, flipped, cts.Token);
        await AssertRefusedAsync(ctx, snapshot, "sha256", cts.Token);

        // Truncated.
        await File.WriteAllBytesAsync(pages, original.AsMemory(0, original.Length - 1), cts.Token);
        await AssertRefusedAsync(ctx, snapshot, "bytes", cts.Token);

        // Missing.
        File.Delete(pages);
        await AssertRefusedAsync(ctx, snapshot, "missing", cts.Token);
        await File.WriteAllBytesAsync(pages, original, cts.Token);

        // An extra file (e.g. a planted image).
        var extra = Path.Combine(snapshot, "extra.img");
        await File.WriteAllTextAsync(extra, "x", cts.Token);
        await AssertRefusedAsync(ctx, snapshot, "does not list", cts.Token);
        File.Delete(extra);

        // A manifest that is not JSON, then none at all.
        var manifest = Path.Combine(snapshot, "manifest.json");
        var manifestText = await File.ReadAllTextAsync(manifest, cts.Token);
        await File.WriteAllTextAsync(manifest, "{ not json", cts.Token);
        await AssertRefusedAsync(ctx, snapshot, "manifest", cts.Token);
        File.Delete(manifest);
        await AssertRefusedAsync(ctx, snapshot, "manifest.json", cts.Token);
        Assert.Throws<SnapshotCorruptException>(() => ctx.Sandbox.ReadSnapshot(snapshot));

        // Repaired, the same directory restores.
        await File.WriteAllTextAsync(manifest, manifestText, cts.Token);
        var clone = await ctx.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = SandboxTestContext.NewId() }, cts.Token);
        Assert.True(clone.HostPid > 0);
    }

    private static async Task AssertRefusedAsync(SandboxTestContext ctx, string snapshot, string reason, CancellationToken cancellationToken)
    {
        var id = SandboxTestContext.NewId();
        var e = await Assert.ThrowsAsync<SnapshotCorruptException>(() => ctx.Sandbox.RestoreAsync(snapshot, new RestoreSpec { EnvironmentId = id }, cancellationToken));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(ctx.CgroupParent, id)));
        Assert.False(Directory.Exists(Path.Combine(ctx.ScratchDirectory, id)));
    }
}
