using System.Globalization;

namespace Thaw.Bench.Logs;

/// <summary>
/// Lambda-style events: per environment a cold start (INIT_START or RESTORE_START + RESTORE_REPORT, with the
/// interfaces printed by the hooks), then invocations of START, the function's lines (vinternal_1/telemetry1_sb
/// with their MAC, a JSON application line), END and REPORT. Timestamps spread over the last hours.
/// </summary>
internal static class EventGenerator
{
    public static List<(string Stream, List<LogEventInput> Events)> Generate(int total, int environments, long endMs, TimeSpan span, int seed)
    {
        var random = new Random(seed);
        var macs = Enumerable.Range(0, 5).Select(i => $"02-00-5E-{i:X2}-{random.Next(256):X2}-{random.Next(256):X2}").ToArray();
        var perEnvironment = total / environments;
        var step = span.TotalMilliseconds / perEnvironment;
        var streams = new List<(string, List<LogEventInput>)>();
        for (var env = 0; env < environments; env++)
        {
            var stream = $"2026/12/04/[12]{env:x32}";
            var events = new List<LogEventInput>(perEnvironment + 8);
            var t = (double)(endMs - (long)span.TotalMilliseconds);
            var mac = macs[random.Next(macs.Length)];
            void Add(string message)
            {
                t += step * (0.5 + random.NextDouble());
                events.Add(new LogEventInput((long)t, message));
            }

            if (env % 2 == 0)
            {
                Add("RESTORE_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123456789abcdef0123456789abcdef");
                Add($"vinternal_1:{mac}");
                Add($"telemetry1_sb:{mac}");
                Add(FormattableString.Invariant($"RESTORE_REPORT Restore Duration: {100 + (random.NextDouble() * 300):0.00} ms"));
            }
            else
            {
                Add("INIT_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123456789abcdef0123456789abcdef");
                Add($"vinternal_1:{mac}");
                Add($"telemetry1_sb:{mac}");
                Add(FormattableString.Invariant($"INIT_REPORT Init Duration: {300 + (random.NextDouble() * 900):0.00} ms"));
            }

            var first = true;
            while (events.Count + 7 <= perEnvironment)
            {
                var id = Guid.NewGuid().ToString();
                var duration = Math.Round(1 + (random.NextDouble() * random.NextDouble() * 3000), 2);
                Add($"START RequestId: {id} Version: 12");
                Add($"vinternal_1:{mac}");
                Add($"telemetry1_sb:{mac}");
                Add(string.Create(CultureInfo.InvariantCulture, $"2026-12-04T10:00:00.000Z\t{id}\tINFO\t{{\"path\":\"/probe\",\"status\":200,\"latency\":{random.Next(1000)}}}"));
                Add($"END RequestId: {id}");
                var cold = first ? (env % 2 == 0 ? "Restore Duration: 326.41 ms\tBilled Restore Duration: 120 ms\t" : "Init Duration: 412.00 ms\t") : "";
                Add(string.Create(CultureInfo.InvariantCulture,
                    $"REPORT RequestId: {id}\tDuration: {duration:0.00} ms\tBilled Duration: {(int)Math.Ceiling(duration)} ms\tMemory Size: 1024 MB\tMax Memory Used: {60 + random.Next(60)} MB\t{cold}"));
                first = false;
            }

            while (events.Count < perEnvironment)
            {
                Add("2026-12-04T10:00:00.000Z\tbackground\tDEBUG\theartbeat");
            }

            streams.Add((stream, events));
        }

        return streams;
    }
}
