using System.Globalization;

namespace Thaw.Logs.Tests.Support;

/// <summary>
/// Generates Lambda-shaped logs (platform lines exactly as Lambda writes them, and function lines) with a seeded
/// random source, and keeps the facts the tests compute expectations from.
/// </summary>
internal sealed class LambdaLogGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public List<Invocation> Invocations { get; } = [];

    public List<(string Stream, LogEventInput Event)> Events { get; } = [];

    public sealed record Invocation(string Stream, string RequestId, long Timestamp, double Duration, int Billed, int MemoryMb, int MaxMemoryMb,
        double? InitDuration, double? RestoreDuration, string Nic, string Mac);

    /// <summary>Environments each doing several invocations; the first of each is a cold start (init or restore).</summary>
    public LambdaLogGenerator Generate(int environments, int invocationsPerEnvironment, long startMs)
    {
        var macs = Enumerable.Range(0, 5).Select(_ => string.Join("-", Enumerable.Range(0, 6).Select(_ => _random.Next(256).ToString("X2", CultureInfo.InvariantCulture)))).ToArray();
        for (var env = 0; env < environments; env++)
        {
            var stream = $"2026/12/04/[12]{Guid.NewGuid():N}";
            var t = startMs + _random.Next(0, 600_000);
            var snapStart = env % 2 == 0;
            var mac = macs[_random.Next(macs.Length)];
            double? init = null, restore = null;
            if (snapStart)
            {
                restore = Math.Round(100 + (_random.NextDouble() * 400), 2);
                Add(stream, t++, "RESTORE_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123456789abcdef");
                Add(stream, t++, $"vinternal_1:{mac}");
                Add(stream, t++, FormattableString.Invariant($"RESTORE_REPORT Restore Duration: {restore:0.00} ms"));
            }
            else
            {
                init = Math.Round(300 + (_random.NextDouble() * 900), 2);
                Add(stream, t++, "INIT_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123456789abcdef");
                Add(stream, t++, $"telemetry1_sb:{mac}");
            }

            for (var i = 0; i < invocationsPerEnvironment; i++)
            {
                var requestId = Guid.NewGuid().ToString();
                var duration = Math.Round(1 + (_random.NextDouble() * 3000), 2);
                var billed = (int)Math.Ceiling(duration);
                var maxMem = 60 + _random.Next(100);
                var nic = _random.Next(2) == 0 ? "vinternal_1" : "telemetry1_sb";
                Add(stream, t, $"START RequestId: {requestId} Version: 12");
                Add(stream, t + 1, $"{nic}:{mac}");
                Add(stream, t + 2, FormattableString.Invariant($"2026-12-04T10:00:00.000Z\t{requestId}\tINFO\t{{\"level\":\"info\",\"user\":\"u{_random.Next(5)}\",\"latency\":{_random.Next(1000)}}}"));
                Add(stream, t + 3, $"END RequestId: {requestId}");
                var coldPart = i == 0 && init is { } id ? FormattableString.Invariant($"Init Duration: {id:0.00} ms\t")
                    : i == 0 && restore is { } rd ? FormattableString.Invariant($"Restore Duration: {rd:0.00} ms\tBilled Restore Duration: {(int)(rd / 3)} ms\t") : "";
                Add(stream, t + 4, FormattableString.Invariant(
                    $"REPORT RequestId: {requestId}\tDuration: {duration:0.00} ms\tBilled Duration: {billed} ms\tMemory Size: 1024 MB\tMax Memory Used: {maxMem} MB\t{coldPart}"));
                Invocations.Add(new Invocation(stream, requestId, t + 4, duration, billed, 1024, maxMem, i == 0 ? init : null, i == 0 ? restore : null, nic, mac));
                t += 5 + _random.Next(0, 120_000);
            }
        }

        return this;
    }

    public async Task WriteAsync(LogStore store, string group)
    {
        foreach (var stream in Events.GroupBy(e => e.Stream))
        {
            await store.AppendAsync(group, stream.Key, [.. stream.Select(e => e.Event)], TestContext.Current.CancellationToken);
        }
    }

    private void Add(string stream, long t, string message) => Events.Add((stream, new LogEventInput(t, message)));
}
