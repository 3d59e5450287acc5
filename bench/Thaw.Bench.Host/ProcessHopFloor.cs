using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Thaw.Bench.Host;

/// <summary>
/// The cheapest shape any Lambda-style host can have: a front Kestrel endpoint that hands each request to a separate
/// worker process (one per client, as Thaw has one environment per concurrent request) over loopback HTTP and relays
/// its answer. A Runtime API host does at least this much per invoke (it also needs the long-polled
/// <c>invocation/next</c> and the runtime's POST, and isolation), so this is a floor under Thaw, measured in the
/// same run: how much of Thaw's distance to the bare endpoint is the shape and how much is Thaw.
/// </summary>
internal sealed class ProcessHopFloor : IAsyncDisposable
{
    private readonly WebApplication _front;
    private readonly List<Process> _workers;
    private int _disposed;

    private ProcessHopFloor(WebApplication front, List<Process> workers, string uri)
    {
        _front = front;
        _workers = workers;
        Uri = uri;
    }

    public string Uri { get; }

    public static async Task<ProcessHopFloor> StartAsync(int workers)
    {
        var processes = new List<Process>();
        var upstreams = new List<string>();
        for (var i = 0; i < workers; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            psi.ArgumentList.Add(typeof(ProcessHopFloor).Assembly.Location);
            psi.ArgumentList.Add("worker");
            var process = Process.Start(psi)!;
            processes.Add(process);
            // The worker prints its address once it listens: the readiness probe.
            upstreams.Add(await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("worker did not start"));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var clients = upstreams.Select(u => new HttpClient { BaseAddress = new Uri(u) }).ToArray();

        // Idle workers, most recently used first: one request per worker at a time, as one invocation per environment.
        var idle = new ConcurrentStack<int>(Enumerable.Range(0, clients.Length));
        var freed = new SemaphoreSlim(clients.Length);
        app.MapPost("/invoke", async (HttpContext c) =>
        {
            using var ms = new MemoryStream();
            await c.Request.Body.CopyToAsync(ms);
            await freed.WaitAsync();
            idle.TryPop(out var worker);
            try
            {
                using var content = new ByteArrayContent(ms.ToArray());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await clients[worker].PostAsync("/noop", content);
                c.Response.ContentType = "application/json";
                await c.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
            }
            finally
            {
                idle.Push(worker);
                freed.Release();
            }
        });
        await app.StartAsync();
        return new ProcessHopFloor(app, processes, app.Urls.First() + "/invoke");
    }

    /// <summary>The worker process: a Kestrel no-op endpoint that prints its address when it listens.</summary>
    public static async Task RunWorkerAsync()
    {
        await using var app = await WarmInvokeBenchmark.StartBareKestrelAsync();
        Console.WriteLine(app.Urls.First());
        Console.Out.Flush();

        // Lives as long as the bench holds its stdin open: a bench that dies leaves no worker behind.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _front.DisposeAsync();
        foreach (var worker in _workers)
        {
            worker.StandardInput.Close();
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            worker.Dispose();
        }
    }
}
