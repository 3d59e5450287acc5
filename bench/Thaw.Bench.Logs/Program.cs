using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Thaw.Bench.Logs;
using Thaw.Logs.Insights;

// Usage: dotnet run -c Release --project bench/Thaw.Bench.Logs [-- --events 1000000 --runs 3 [--keep]]
var total = ArgInt("--events", 1_000_000);
var runs = ArgInt("--runs", 3);
var keep = Environment.GetCommandLineArgs().Contains("--keep"); // leave the store and the text export behind for experiments
const string Group = "/aws/lambda/bench";
// --reuse DIR: query a store and text export kept by an earlier run (--keep) instead of generating and ingesting again.
var reuse = ArgString("--reuse");
var directory = reuse ?? Path.Combine(Path.GetTempPath(), "thaw-bench-logs-" + Guid.NewGuid().ToString("N"));
keep |= reuse is not null;
Directory.CreateDirectory(directory);
try
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.Services.AddThawLogs(Path.Combine(directory, "logs.db"));
    await using var app = builder.Build();
    app.MapLogsApi();
    await app.StartAsync();
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    var store = app.Services.GetRequiredService<LogStore>();

    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    var textPath = Path.Combine(directory, "events.txt");
    if (reuse is null)
    {
        Console.WriteLine($"Generating {total:N0} Lambda-style events ...");
        var streams = EventGenerator.Generate(total, environments: 100, endMs: now, span: TimeSpan.FromHours(6), seed: 1);

        // ---- ingestion through the HTTP API (PutLogEvents, 1,000 events per call, 4 concurrent clients) ----
        // Calls go round-robin over the streams, so time advances for every environment together, as it does live.
        using var http = new HttpClient { BaseAddress = address };
        await CallAsync(http, "CreateLogGroup", Json(w => w.WriteString("logGroupName", Group)));
        var perStream = new List<List<byte[]>>();
        foreach (var (stream, events) in streams)
        {
            await CallAsync(http, "CreateLogStream", Json(w => { w.WriteString("logGroupName", Group); w.WriteString("logStreamName", stream); }));
            var bodiesOfStream = new List<byte[]>();
            perStream.Add(bodiesOfStream);
            foreach (var chunk in events.Chunk(1_000))
            {
                bodiesOfStream.Add(Json(w =>
                {
                    w.WriteString("logGroupName", Group);
                    w.WriteString("logStreamName", stream);
                    w.WriteStartArray("logEvents");
                    foreach (var e in chunk)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("timestamp", e.TimestampMs);
                        w.WriteString("message", e.Message);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
            }
        }

        var bodies = Enumerable.Range(0, perStream.Max(b => b.Count)).SelectMany(round => perStream.Where(b => round < b.Count).Select(b => b[round])).ToList();

        var next = -1;
        var ingest = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                await CallAsync(http, "PutLogEvents", bodies[i]);
            }
        }));
        ingest.Stop();
        var eventCount = streams.Sum(s => s.Events.Count);
        Console.WriteLine($"PutLogEvents ingestion: {eventCount:N0} events in {ingest.Elapsed.TotalSeconds:0.00} s = {eventCount / ingest.Elapsed.TotalSeconds:N0} events/s (HTTP, 1,000 per call, 4 clients, durable commits)");

        // ---- the same events as text for the pipeline: "<timestamp ms>\t<message>" ----
        await using (var text = new StreamWriter(textPath, false, new UTF8Encoding(false), 1 << 20))
        {
            foreach (var (_, events) in streams)
            {
                foreach (var e in events)
                {
                    await text.WriteAsync(e.TimestampMs.ToString(CultureInfo.InvariantCulture));
                    await text.WriteAsync('\t');
                    await text.WriteAsync(e.Message);
                    await text.WriteAsync('\n');
                }
            }
        }

        Console.WriteLine($"Exported {new FileInfo(textPath).Length / 1e6:0.0} MB of text to {textPath}");
    }

    var group = store.GetGroup(Group)!;

    List<List<ResultField>> Engine(string query) => QueryEngine.Run(store,
        new QueryRequest(Parser.Parse(query), [group], 0, now + 3_600_000, QueryEngine.MaxLimit, "000000000000", now), new QueryProgress(), CancellationToken.None);

    var (a, b) = (
        "filter @message like /vinternal_1/ or @message like /telemetry1_sb/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr",
        "stats pct(@duration, 99) by bin(1m)");
    var pipeA = $"grep -E 'vinternal_1|telemetry1_sb' {textPath} | awk -F'\\t' '{{ i = index($2, \":\"); print substr($2, 1, i - 1) \"\\t\" substr($2, i + 1) }}' | sort | uniq -c";
    var pipeB = $"grep -F 'REPORT RequestId' {textPath} | awk -F'\\t' '{{ split($3, d, \" \"); print int($1 / 60000), d[2] }}' | sort -k1,1n -k2,2g"
        + " | awk '{ if ($1 != bin && n > 0) { r = int(0.99 * n); if (r < 0.99 * n) r++; print bin, v[r]; n = 0 } bin = $1; v[++n] = $2 } END { r = int(0.99 * n); if (r < 0.99 * n) r++; print bin, v[r] }'";

    Compare("(a) filter + parse + stats count(*) by nicName, macAddr", a, pipeA, runs, Engine,
        rows => rows.Select(r => $"{F(r, "count(*)")} {F(r, "nicName")}\t{F(r, "macAddr")}").Order(StringComparer.Ordinal),
        lines => lines.Select(l => l.Trim()).Order(StringComparer.Ordinal));
    Compare("(b) stats pct(@duration, 99) by bin(1m)", b, pipeB, runs, Engine,
        rows => rows.Where(r => F(r, "pct(@duration, 99)").Length > 0).Select(r => $"{DateTime.ParseExact(F(r, "bin(1m)"), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks / TimeSpan.TicksPerMinute - (DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerMinute)} {double.Parse(F(r, "pct(@duration, 99)"), CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)}"),
        lines => lines.Select(l => { var p = l.Split(' '); return $"{p[0]} {double.Parse(p[1], CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture)}"; }));
    await app.StopAsync();
}
finally
{
    if (keep)
    {
        Console.WriteLine($"Kept {directory}");
    }
    else
    {
        Directory.Delete(directory, recursive: true);
    }
}

static void Compare(string title, string query, string pipeline, int runs, Func<string, List<List<ResultField>>> engine,
    Func<List<List<ResultField>>, IEnumerable<string>> engineCanonical, Func<List<string>, IEnumerable<string>> pipelineCanonical)
{
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine($"  query:    {query}");
    Console.WriteLine($"  pipeline: LC_ALL=C {pipeline}");
    List<List<ResultField>> rows = engine(query); // warm-up (and page cache)
    var lines = Shell(pipeline);
    var engineTimes = new List<double>();
    var pipeTimes = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        rows = engine(query);
        engineTimes.Add(watch.Elapsed.TotalSeconds);
        watch.Restart();
        lines = Shell(pipeline);
        pipeTimes.Add(watch.Elapsed.TotalSeconds);
    }

    var same = engineCanonical(rows).SequenceEqual(pipelineCanonical(lines));
    var e = Median(engineTimes);
    var p = Median(pipeTimes);
    Console.WriteLine($"  engine:   {e:0.000} s (median of {runs}; {rows.Count} rows)");
    Console.WriteLine($"  pipeline: {p:0.000} s (median of {runs}; {lines.Count} lines)");
    Console.WriteLine($"  ratio:    engine is {p / e:0.00}x the pipeline's speed; same results: {(same ? "yes" : "NO")}");
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string F(List<ResultField> row, string field) => row.FirstOrDefault(f => f.Field == field).Value ?? "";

static List<string> Shell(string command)
{
    var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
    psi.ArgumentList.Add("-c");
    psi.ArgumentList.Add(command);
    psi.Environment["LC_ALL"] = "C";
    using var process = Process.Start(psi)!;
    var lines = new List<string>();
    while (process.StandardOutput.ReadLine() is { } line)
    {
        lines.Add(line);
    }

    process.WaitForExit();
    return lines;
}

static byte[] Json(Action<Utf8JsonWriter> body)
{
    using var memory = new MemoryStream();
    using (var writer = new Utf8JsonWriter(memory))
    {
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
    }

    return memory.ToArray();
}

static async Task CallAsync(HttpClient http, string operation, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    request.Headers.TryAddWithoutValidation("X-Amz-Target", "Logs_20140328." + operation);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

static string? ArgString(string name)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int ArgInt(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
