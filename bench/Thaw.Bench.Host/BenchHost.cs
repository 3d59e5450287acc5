using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Thaw.Host;

namespace Thaw.Bench.Host;

/// <summary>A host in-process on a free port with a throw-away state directory, plus the calls the benchmarks make.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly string _state;

    private BenchHost(string state, Task run, Uri uri)
    {
        _state = state;
        _run = run;
        Http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(10) };
    }

    public HttpClient Http { get; }

    public static async Task<BenchHost> StartAsync(string artifacts)
    {
        var state = Path.Combine(Path.GetTempPath(), "thaw-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ServerOptions
        {
            Port = 0,
            StateDirectory = state,
            AgentCommand = [Path.Combine(artifacts, "agent", "thaw-agent")],
            Dotnet10RuntimeDirectory = Path.Combine(artifacts, "runtimes", "dotnet10"),
        };
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cts = new CancellationTokenSource();
        var run = Task.Run(() => ThawServer.RunAsync(options, started.SetResult, cts.Token));
        await Task.WhenAny(started.Task, run);
        var host = new BenchHost(state, run, await started.Task);
        host._stop.Token.Register(cts.Cancel);
        return host;
    }

    public static async Task<byte[]> PackageAsync(string repo, string sample)
    {
        var output = Path.Combine(Path.GetTempPath(), "thaw-bench-pkg-" + sample);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, true);
        }

        await RunAsync("dotnet", ["publish", Path.Combine(repo, "samples", sample), "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
        using var ms = new MemoryStream();
        ZipFile.CreateFromDirectory(output, ms);
        return ms.ToArray();
    }

    public async Task CreateAsync(string name, byte[] zip, string handler, int memory, bool snapStart, int snapshots = 1, Dictionary<string, string>? env = null, int restoreAhead = 0)
    {
        var body = new JsonObject
        {
            ["FunctionName"] = name,
            ["Runtime"] = "dotnet10",
            ["Role"] = "arn:aws:iam::000000000000:role/thaw",
            ["Handler"] = handler,
            ["MemorySize"] = memory,
            ["Timeout"] = 120,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) },
            ["ThawSnapshotCount"] = snapshots,
            ["ThawRestoreAhead"] = restoreAhead,
        };
        if (snapStart)
        {
            body["SnapStart"] = new JsonObject { ["ApplyOn"] = "PublishedVersions" };
        }

        if (env is not null)
        {
            body["Environment"] = new JsonObject { ["Variables"] = new JsonObject(env.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) };
        }

        await SendAsync(HttpMethod.Post, "/2015-03-31/functions", body.ToJsonString());
    }

    public async Task UpdateEnvAsync(string name, Dictionary<string, string> env)
    {
        var body = new JsonObject { ["Environment"] = new JsonObject { ["Variables"] = new JsonObject(env.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) } };
        await SendAsync(HttpMethod.Put, $"/2015-03-31/functions/{name}/configuration", body.ToJsonString());
    }

    public async Task<string> PublishAsync(string name)
    {
        var v = JsonDocument.Parse(await SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/versions", "{}")).RootElement.GetProperty("Version").GetString()!;
        while (true)
        {
            var c = JsonDocument.Parse(await SendAsync(HttpMethod.Get, $"/2015-03-31/functions/{name}/configuration?Qualifier={v}", null)).RootElement;
            var state = c.GetProperty("State").GetString();
            if (state == "Active")
            {
                return v;
            }

            if (state == "Failed")
            {
                throw new InvalidOperationException("Publish failed: " + c.GetProperty("StateReason").GetString());
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Invokes with the log tail; returns client latency and the REPORT line's fields.</summary>
    public async Task<(double ClientMs, string Tail)> InvokeAsync(string target, string payload = "{}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/2015-03-31/functions/{target}/invocations") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        var sw = Stopwatch.StartNew();
        using var response = await Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        sw.Stop();
        if (!response.IsSuccessStatusCode || response.Headers.Contains("X-Amz-Function-Error"))
        {
            throw new InvalidOperationException($"Invoke of {target} failed: {(int)response.StatusCode}");
        }

        var tail = response.Headers.TryGetValues("X-Amz-Log-Result", out var v) ? Encoding.UTF8.GetString(Convert.FromBase64String(v.First())) : "";
        return (sw.Elapsed.TotalMilliseconds, tail);
    }

    /// <summary>Reclaims every idle environment of a function so that the next invoke is a cold start.</summary>
    public async Task ReclaimAsync(string function)
    {
        var envs = JsonDocument.Parse(await SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=" + function, null)).RootElement.GetProperty("Environments");
        foreach (var e in envs.EnumerateArray())
        {
            using var _ = await Http.DeleteAsync("/thaw/v1/environments/" + e.GetProperty("EnvironmentId").GetString());
        }
    }

    /// <summary>Waits until a clone restored ahead of demand is idle, and reclaims the idle ones that already served requests.</summary>
    public async Task WaitForRestoredAheadAsync(string function)
    {
        while (true)
        {
            var envs = JsonDocument.Parse(await SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=" + function, null)).RootElement.GetProperty("Environments").EnumerateArray().ToList();
            foreach (var used in envs.Where(e => e.GetProperty("State").GetString() == "Idle" && e.GetProperty("Invocations").GetInt64() > 0))
            {
                using var _ = await Http.DeleteAsync("/thaw/v1/environments/" + used.GetProperty("EnvironmentId").GetString());
            }

            if (envs.Any(e => e.GetProperty("RestoredAhead").GetBoolean() && e.GetProperty("State").GetString() == "Idle"))
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    public async Task<JsonElement> SnapshotsAsync(string function, string version) =>
        JsonDocument.Parse(await SendAsync(HttpMethod.Get, $"/thaw/v1/functions/{function}/snapshots?Qualifier={version}", null)).RootElement.GetProperty("Snapshots");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        Http.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_state, true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text;
    }

    public static async Task RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {output}");
        }
    }
}
