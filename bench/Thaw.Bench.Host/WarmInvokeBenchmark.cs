using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Thaw.Bench.Host;

/// <summary>
/// Warm-invoke overhead: p50/p99 latency and throughput of a no-op function invoked over HTTP by N concurrent
/// clients, against a bare Kestrel no-op endpoint measured in the same run with the same client.
/// </summary>
internal static class WarmInvokeBenchmark
{
    public static async Task RunAsync(string repo, string artifacts, int clients, int requestsPerClient)
    {
        var payload = """{"hello":"world"}""";
        await using var bare = await StartBareKestrelAsync();
        var bareUri = bare.Urls.First() + "/noop";
        using var bareClient = new HttpClient();
        await LoadAsync(bareClient, bareUri, payload, clients, 20); // warm-up
        var bareCpu = ProcessCpu.Sample();
        var bareResult = await LoadAsync(bareClient, bareUri, payload, clients, requestsPerClient);
        var bareCpuText = ProcessCpu.Sample().PerRequestSince(bareCpu, clients * requestsPerClient);

        // The floor: the same no-op in a separate worker process per client, one loopback HTTP hop away.
        await using var floor = await ProcessHopFloor.StartAsync(clients);
        await LoadAsync(bareClient, floor.Uri, payload, clients, 20); // warm-up
        var floorCpu = ProcessCpu.Sample();
        var floorResult = await LoadAsync(bareClient, floor.Uri, payload, clients, requestsPerClient);
        var floorCpuText = ProcessCpu.Sample().PerRequestSince(floorCpu, clients * requestsPerClient);
        await floor.DisposeAsync();

        await using var host = await BenchHost.StartAsync(artifacts);
        var zip = await BenchHost.PackageAsync(repo, "NoOp");
        using var defaults = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "samples", "NoOp", "aws-lambda-tools-defaults.json")));
        await host.CreateAsync("noop", zip, defaults.RootElement.GetProperty("function-handler").GetString()!, 256, snapStart: false, env: FunctionVariables());
        var invokeUri = new Uri(host.Http.BaseAddress!, "/2015-03-31/functions/noop/invocations").ToString();
        await LoadAsync(host.Http, invokeUri, payload, clients, 20); // makes and warms one environment per client
        var thawCpu = ProcessCpu.Sample();
        var thawResult = await LoadAsync(host.Http, invokeUri, payload, clients, requestsPerClient);
        var thawCpuText = ProcessCpu.Sample().PerRequestSince(thawCpu, clients * requestsPerClient);

        Console.WriteLine($"warm invoke, {clients} concurrent clients, {requestsPerClient} requests each");
        Print("bare Kestrel no-op", bareResult);
        Print("process-hop floor", floorResult);
        Print("Thaw invoke (no-op fn)", thawResult);
        Console.WriteLine($"  CPU ms per request, bare: {bareCpuText}");
        Console.WriteLine($"  CPU ms per request, floor: {floorCpuText}");
        Console.WriteLine($"  CPU ms per request, Thaw: {thawCpuText}");
        Console.WriteLine($"ratio p50 {Stats.F(thawResult.P50 / bareResult.P50)}x, p99 {Stats.F(thawResult.P99 / bareResult.P99)}x, throughput {Stats.F(thawResult.Throughput / bareResult.Throughput)}x");
        Console.WriteLine($"floor ÷ bare p50 {Stats.F(floorResult.P50 / bareResult.P50)}x; Thaw ÷ floor p50 {Stats.F(thawResult.P50 / floorResult.P50)}x, p99 {Stats.F(thawResult.P99 / floorResult.P99)}x, throughput {Stats.F(thawResult.Throughput / floorResult.Throughput)}x");
    }

    /// <summary>THAW_BENCH_FUNCTION_ENV=K=V;K=V sets the function's variables (to try runtime settings without a rebuild).</summary>
    private static Dictionary<string, string>? FunctionVariables() =>
        Environment.GetEnvironmentVariable("THAW_BENCH_FUNCTION_ENV") is { Length: > 0 } spec
            ? spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "")
            : null;

    private static void Print(string name, LoadResult r) =>
        Console.WriteLine($"  {name,-24} p50 {Stats.F(r.P50)} ms  p99 {Stats.F(r.P99)} ms  {Stats.F(r.Throughput)} req/s");

    private sealed record LoadResult(double P50, double P99, double Throughput);

    private static async Task<LoadResult> LoadAsync(HttpClient client, string uri, string payload, int clients, int perClient)
    {
        var latencies = new List<double>[clients];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(perClient);
            for (var n = 0; n < perClient; n++)
            {
                var sw = Stopwatch.StartNew();
                using var content = new StringContent(payload, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(uri, content);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}");
                }

                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        total.Stop();
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(Stats.Percentile(all, 50), Stats.Percentile(all, 99), all.Count / total.Elapsed.TotalSeconds);
    }

    /// <summary>The bare no-op endpoint (POST /noop echoes the body): the baseline, and each floor worker.</summary>
    internal static async Task<WebApplication> StartBareKestrelAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/noop", async (HttpContext c) =>
        {
            using var ms = new MemoryStream();
            await c.Request.Body.CopyToAsync(ms);
            c.Response.ContentType = "application/json";
            await c.Response.Body.WriteAsync(ms.ToArray());
        });
        await app.StartAsync();
        _ = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return app;
    }
}
