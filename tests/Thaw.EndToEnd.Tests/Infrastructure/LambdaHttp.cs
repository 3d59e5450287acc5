using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>Calls the host's AWS wire APIs the way the AWS CLI does (rest-json Lambda API, awsJson1.1 Logs API).</summary>
internal sealed class LambdaHttp : IDisposable
{
    private readonly HttpClient _http;

    public LambdaHttp(Uri baseUri)
    {
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        // Any SigV4 signature is accepted; send one shaped like the CLI's so that path is exercised too.
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000");
        _http.DefaultRequestHeaders.TryAddWithoutValidation("X-Amz-Date", "20261204T000000Z");
    }

    public Uri BaseUri => _http.BaseAddress!;

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();

    public Task<InvokeResponse> CreateFunctionAsync(string name, SamplePackage package, Action<JsonObject>? customize = null)
    {
        var body = new JsonObject
        {
            ["FunctionName"] = name,
            ["Runtime"] = package.Runtime,
            ["Role"] = "arn:aws:iam::000000000000:role/thaw",
            ["Handler"] = package.Handler,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(package.Zip) },
            ["MemorySize"] = package.MemorySize,
            ["Timeout"] = package.Timeout,
        };
        customize?.Invoke(body);
        return SendAsync(HttpMethod.Post, "/2015-03-31/functions", body.ToJsonString());
    }

    public Task<InvokeResponse> GetConfigurationAsync(string name, string? qualifier = null) =>
        SendAsync(HttpMethod.Get, $"/2015-03-31/functions/{name}/configuration" + (qualifier is null ? "" : "?Qualifier=" + Uri.EscapeDataString(qualifier)), null);

    public Task<InvokeResponse> PublishVersionAsync(string name) => SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/versions", "{}");

    /// <summary>Publishes and waits until the version leaves Pending; returns its final configuration.</summary>
    public async Task<JsonElement> PublishAndWaitAsync(string name, TimeSpan? timeout = null, bool expectPending = false)
    {
        var published = await PublishVersionAsync(name);
        if ((int)published.Status != 201)
        {
            throw new InvalidOperationException($"PublishVersion answered {(int)published.Status}: {published.Text}");
        }

        if (expectPending)
        {
            // A SnapStart version is Pending until its snapshots exist (Lambda's "Creating" state).
            Assert.Equal("Pending", published.Json.GetProperty("State").GetString());
        }

        var version = published.Json.GetProperty("Version").GetString()!;
        return await WaitUntilAsync(async () =>
        {
            var c = (await GetConfigurationAsync(name, version)).Json;
            return c.GetProperty("State").GetString() == "Pending" ? (JsonElement?)null : c;
        }, timeout ?? TimeSpan.FromMinutes(3));
    }

    public Task<InvokeResponse> InvokeAsync(string nameAndQualifier, string payload = "{}", bool tail = false, string? invocationType = null)
    {
        var headers = new Dictionary<string, string>();
        if (tail)
        {
            headers["X-Amz-Log-Type"] = "Tail";
        }

        if (invocationType is not null)
        {
            headers["X-Amz-Invocation-Type"] = invocationType;
        }

        return SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{nameAndQualifier}/invocations", payload, headers);
    }

    public async Task<InvokeResponse> SendAsync(HttpMethod method, string path, string? json, IDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var all = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        return new InvokeResponse(response.StatusCode, all, body);
    }

    /// <summary>Calls a CloudWatch Logs operation (awsJson1.1).</summary>
    public async Task<JsonElement> LogsAsync(string operation, string json)
    {
        var response = await SendAsync(HttpMethod.Post, "/", json, new Dictionary<string, string> { ["X-Amz-Target"] = "Logs_20140328." + operation }, "application/x-amz-json-1.1");
        if ((int)response.Status != 200)
        {
            throw new InvalidOperationException($"{operation} answered {(int)response.Status}: {response.Text}");
        }

        return response.Json;
    }

    /// <summary>
    /// The group's events once <paramref name="done"/> holds for them, or as they are after 30 s (the caller's assertions
    /// then say what is missing). Lines reach the log store after the invoke answers, as on Lambda.
    /// </summary>
    public async Task<List<(string Stream, string Message)>> LogEventsWhenAsync(string group, Func<List<(string Stream, string Message)>, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var delay = 50;
        while (true)
        {
            List<(string Stream, string Message)> last;
            try
            {
                last = await AllLogEventsAsync(group);
            }
            catch (InvalidOperationException)
            {
                last = []; // the group does not exist yet
            }

            if (done(last) || DateTimeOffset.UtcNow > deadline)
            {
                return last;
            }

            await Task.Delay(delay);
            delay = Math.Min(delay * 2, 500);
        }
    }

    /// <summary>Every message of a log group (all streams), via FilterLogEvents, following nextToken.</summary>
    public async Task<List<(string Stream, string Message)>> AllLogEventsAsync(string group)
    {
        var list = new List<(string, string)>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["logGroupName"] = group, ["limit"] = 10000 };
            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var page = await LogsAsync("FilterLogEvents", request.ToJsonString());
            foreach (var e in page.GetProperty("events").EnumerateArray())
            {
                list.Add((e.GetProperty("logStreamName").GetString()!, e.GetProperty("message").GetString()!));
            }

            token = page.TryGetProperty("nextToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        while (token is not null);
        return list;
    }

    /// <summary>Runs a Logs Insights query to completion and returns its rows as field → value maps.</summary>
    public async Task<List<Dictionary<string, string>>> QueryAsync(string group, string query)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var start = await LogsAsync("StartQuery", new JsonObject { ["logGroupName"] = group, ["startTime"] = now - 3600, ["endTime"] = now + 60, ["queryString"] = query }.ToJsonString());
        var id = start.GetProperty("queryId").GetString()!;
        var result = await WaitUntilAsync(async () =>
        {
            var r = await LogsAsync("GetQueryResults", new JsonObject { ["queryId"] = id }.ToJsonString());
            var status = r.GetProperty("status").GetString();
            return status is "Complete" or "Failed" or "Cancelled" or "Timeout" ? (JsonElement?)r : null;
        }, TimeSpan.FromMinutes(1));
        Assert.Equal("Complete", result.GetProperty("status").GetString());
        return result.GetProperty("results").EnumerateArray()
            .Select(row => row.EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("value").GetString()!))
            .ToList();
    }

    /// <summary>Polls until <paramref name="probe"/> yields a value (readiness probe, not a fixed sleep).</summary>
    public static async Task<T> WaitUntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout)
        where T : struct
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = 50;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met within " + timeout);
            }

            await Task.Delay(delay);
            delay = Math.Min(delay * 2, 500);
        }
    }
}
