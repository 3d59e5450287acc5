using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Thaw.Bench.Host;

/// <summary>
/// Cold starts through Init against cold starts through restore, in one run, for a small and a JIT-heavy sample;
/// the wall time of 30 concurrent restores; restore throughput (image MB/s) next to this machine's memory copy bandwidth.
/// </summary>
internal static partial class ColdStartBenchmark
{
    public static async Task RunAsync(string repo, string artifacts, int iterations, IReadOnlyList<string> samples)
    {
        await using var host = await BenchHost.StartAsync(artifacts);
        Console.WriteLine($"memory copy bandwidth: {Stats.F(MemoryCopyBandwidth())} MB/s (single thread, 256 MB blocks)");
        foreach (var sample in samples)
        {
            var zip = await BenchHost.PackageAsync(repo, sample);
            using var defaults = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "samples", sample, "aws-lambda-tools-defaults.json")));
            var handler = defaults.RootElement.GetProperty("function-handler").GetString()!;
            var memory = defaults.RootElement.TryGetProperty("function-memory-size", out var m) ? m.GetInt32() : 512;
            var env = new Dictionary<string, string> { ["SLEEP_MS"] = "0" };
            var onDemand = sample.ToLowerInvariant() + "-init";
            var snap = sample.ToLowerInvariant() + "-snap";
            await host.CreateAsync(onDemand, zip, handler, memory, snapStart: false, env: env);
            await host.CreateAsync(snap, zip, handler, memory, snapStart: true, env: env);
            var version = await host.PublishAsync(snap);
            var ahead = sample.ToLowerInvariant() + "-ahead";
            await host.CreateAsync(ahead, zip, handler, memory, snapStart: true, env: env, restoreAhead: 1);
            var aheadVersion = await host.PublishAsync(ahead);
            var snapshot = (await host.SnapshotsAsync(snap, version))[0];
            var imageMb = snapshot.GetProperty("SizeBytes").GetInt64() / (1024.0 * 1024.0);
            var payload = File.Exists(Path.Combine(repo, "samples", sample, "bench-event.json"))
                ? await File.ReadAllTextAsync(Path.Combine(repo, "samples", sample, "bench-event.json"))
                : "{}";

            var init = new List<(double Client, double Phase)>();
            var restore = new List<(double Client, double Phase)>();
            var restoredAhead = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                await host.ReclaimAsync(onDemand);
                var (c1, t1) = await host.InvokeAsync(onDemand, payload);
                init.Add((c1, Field(t1, InitDuration())));
                await host.ReclaimAsync(snap);
                var (c2, t2) = await host.InvokeAsync($"{snap}:{version}", payload);
                restore.Add((c2, Field(t2, RestoreDuration())));
                await host.WaitForRestoredAheadAsync(ahead);
                var (c3, _) = await host.InvokeAsync($"{ahead}:{aheadVersion}", payload);
                restoredAhead.Add(c3);
            }

            Console.WriteLine($"{sample}: {iterations} cold starts each way, snapshot image {Stats.F(imageMb)} MB");
            Row("  cold start via Init    (client)", init.Select(x => x.Client).ToList());
            Row("  cold start via restore (client)", restore.Select(x => x.Client).ToList());
            Row("  new environment restored ahead (client)", restoredAhead);
            Row("  Init Duration          (REPORT)", init.Select(x => x.Phase).ToList());
            Row("  Restore Duration       (REPORT)", restore.Select(x => x.Phase).ToList());
            var ratio = Stats.Percentile(restore.Select(x => x.Client).ToList(), 50) / Stats.Percentile(init.Select(x => x.Client).ToList(), 50);
            Console.WriteLine($"  restore/Init client p50 ratio: {Stats.F(ratio)} ({Stats.F(1 / ratio)}x faster)");
            Console.WriteLine($"  restore throughput: {Stats.F(imageMb / (Stats.Percentile(restore.Select(x => x.Phase).ToList(), 50) / 1000.0))} MB of image per second (p50)");

            await host.ReclaimAsync(snap);
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => host.InvokeAsync($"{snap}:{version}", payload)));
            wall.Stop();
            Console.WriteLine($"  30 concurrent cold starts via restore: {Stats.F(wall.Elapsed.TotalMilliseconds)} ms wall");
            await host.ReclaimAsync(snap);
        }
    }

    private static void Row(string name, List<double> values) =>
        Console.WriteLine($"{name}: p50 {Stats.F(Stats.Percentile(values, 50))} ms  p90 {Stats.F(Stats.Percentile(values, 90))} ms");

    private static double Field(string tail, Regex regex) =>
        regex.Match(tail) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    private static unsafe double MemoryCopyBandwidth()
    {
        const int size = 256 * 1024 * 1024;
        var src = NativeMemory.Alloc(size);
        var dst = NativeMemory.Alloc(size);
        try
        {
            new Span<byte>(src, size).Fill(1);
            new Span<byte>(dst, size).Clear();
            var best = double.MaxValue;
            for (var i = 0; i < 5; i++)
            {
                var sw = Stopwatch.StartNew();
                Buffer.MemoryCopy(src, dst, size, size);
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }

            return size / (1024.0 * 1024.0) / best;
        }
        finally
        {
            NativeMemory.Free(src);
            NativeMemory.Free(dst);
        }
    }

    [GeneratedRegex(@"Init Duration: (\d+\.\d+) ms")]
    private static partial Regex InitDuration();

    [GeneratedRegex(@"Restore Duration: (\d+\.\d+) ms")]
    private static partial Regex RestoreDuration();
}
