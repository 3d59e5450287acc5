using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Thaw.Cli.Tests.Support;

/// <summary>
/// A stand-in for the Thaw host on 127.0.0.1 (Kestrel): records every request and answers the Lambda rest-json API,
/// the Logs awsJson API, the /thaw/v1 extensions and the /apigw front door the way AWS and the host shape them.
/// Functions go through Pending/InProgress for <see cref="PendingPolls"/> polls, as Lambda's do.
/// </summary>
internal sealed class FakeLambdaHost : IAsyncDisposable
{
    internal const string FunctionsPrefix = "/2015-03-31/functions";
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _queryPolls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _queries = new(StringComparer.Ordinal);

    private FakeLambdaHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How many configuration reads report Pending (create, publish) or InProgress (updates) before settling.</summary>
    public int PendingPolls { get; set; }

    /// <summary>When set, functions and versions settle as Failed with this reason.</summary>
    public string? FailReason { get; set; }

    /// <summary>Answers Invoke: (status, body, headers). Default: echo the payload.</summary>
    public Func<RecordedRequest, (int Status, string Body, Dictionary<string, string> Headers)>? InvokeHandler { get; set; }

    public JsonArray Environments { get; } = [];

    public JsonArray Snapshots { get; } = [];

    /// <summary>Rows for a Logs Insights query string; default none.</summary>
    public Func<string, JsonArray>? QueryResults { get; set; }

    /// <summary>When false, the Logs API is absent (404), as on a host built without it.</summary>
    public bool LogsApiAvailable { get; set; } = true;

    public int FrontDoorRequests => Requests.Count(r => r.Path.StartsWith("/apigw/", StringComparison.Ordinal));

    public static async Task<FakeLambdaHost> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        FakeLambdaHost? host = null;
        app.Run(context => host!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new FakeLambdaHost(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return host;
    }

    /// <summary>Adds a function as if created earlier (Active).</summary>
    public JsonObject AddFunction(string name, string runtime = "dotnet10", bool snapStart = false)
    {
        var config = NewConfiguration(name, new JsonObject { ["Runtime"] = runtime, ["Handler"] = "A::B.C::D" });
        if (snapStart)
        {
            config["SnapStart"] = new JsonObject { ["ApplyOn"] = "PublishedVersions", ["OptimizationStatus"] = "Off" };
        }

        lock (_gate)
        {
            _functions[name] = new FakeFunction(config);
        }

        return config;
    }

    /// <summary>The zip last uploaded for a function (CreateFunction or UpdateFunctionCode).</summary>
    public byte[]? ZipOf(string name)
    {
        lock (_gate)
        {
            return _functions.TryGetValue(name, out var f) ? f.Zip : null;
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPrefix) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        Requests.Enqueue(request);

        var path = request.Path;
        if (path.StartsWith(FunctionsPrefix, StringComparison.Ordinal))
        {
            await LambdaAsync(context, request, path[FunctionsPrefix.Length..].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        else if (path == "/thaw/v1/environments" && request.Method == "GET")
        {
            await JsonAsync(context, 200, new JsonObject { [nameof(Environments)] = Environments.DeepClone() });
        }
        else if (path.StartsWith("/thaw/v1/functions/", StringComparison.Ordinal) && path.EndsWith("/snapshots", StringComparison.Ordinal))
        {
            var qualifier = context.Request.Query["Qualifier"].ToString();
            var list = new JsonArray(Snapshots.Where(s => qualifier.Length == 0 || s!["Version"]!.GetValue<string>() == qualifier).Select(s => s!.DeepClone()).ToArray());
            await JsonAsync(context, 200, new JsonObject { [nameof(Snapshots)] = list });
        }
        else if (path == "/" && request.Header("X-Amz-Target") is { } target && LogsApiAvailable)
        {
            await LogsAsync(context, request, target);
        }
        else if (path.StartsWith("/apigw/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{}", context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Not Found", context.RequestAborted);
        }
    }

    private async Task LambdaAsync(HttpContext context, RecordedRequest request, string[] segments)
    {
        var qualifier = context.Request.Query["Qualifier"].ToString();
        switch (request.Method, segments.Length, segments.Length > 1 ? segments[1] : null)
        {
            case ("GET", 0, _):
                JsonArray all;
                lock (_gate)
                {
                    all = new JsonArray(_functions.Where(f => !f.Key.Contains(':', StringComparison.Ordinal)).Select(f => (JsonNode)Settled(f.Value, consume: false)).ToArray());
                }

                await JsonAsync(context, 200, new JsonObject { ["Functions"] = all });
                return;
            case ("POST", 0, _):
                await CreateAsync(context, request.Json.AsObject());
                return;
            case ("GET", 2, "configuration"):
                await ReadConfigurationAsync(context, Key(segments[0], qualifier));
                return;
            case ("PUT", 2, "code"):
                await UpdateAsync(context, segments[0], request.Json.AsObject(), code: true);
                return;
            case ("PUT", 2, "configuration"):
                await UpdateAsync(context, segments[0], request.Json.AsObject(), code: false);
                return;
            case ("POST", 2, "versions"):
                await PublishAsync(context, segments[0]);
                return;
            case ("POST", 2, "invocations"):
                await InvokeAsync(context, request, segments[0]);
                return;
            default:
                await ErrorAsync(context, 404, "UnknownOperationException", "Unknown operation", lowerCase: false);
                return;
        }
    }

    private async Task CreateAsync(HttpContext context, JsonObject body)
    {
        var name = body["FunctionName"]!.GetValue<string>();
        JsonObject config;
        lock (_gate)
        {
            if (_functions.ContainsKey(name))
            {
                config = null!;
            }
            else
            {
                config = NewConfiguration(name, body);
                var function = new FakeFunction(config) { PendingLeft = PendingPolls, PendingKind = "State", Zip = Convert.FromBase64String(body["Code"]!["ZipFile"]!.GetValue<string>()) };
                _functions[name] = function;
                config = Current(function);
            }
        }

        if (config is null)
        {
            await ErrorAsync(context, 409, "ResourceConflictException", $"Function already exist: {name}", lowerCase: true);
            return;
        }

        await JsonAsync(context, 201, config);
    }

    private async Task ReadConfigurationAsync(HttpContext context, string key)
    {
        JsonObject? config;
        lock (_gate)
        {
            config = _functions.TryGetValue(key, out var f) ? Settled(f, consume: true) : null;
        }

        if (config is null)
        {
            await ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{key}", lowerCase: false);
            return;
        }

        await JsonAsync(context, 200, config);
    }

    private async Task UpdateAsync(HttpContext context, string name, JsonObject body, bool code)
    {
        JsonObject? config = null;
        lock (_gate)
        {
            if (_functions.TryGetValue(name, out var f))
            {
                if (code)
                {
                    f.Zip = Convert.FromBase64String(body["ZipFile"]!.GetValue<string>());
                }
                else
                {
                    foreach (var (key, value) in body)
                    {
                        f.Config[key] = key == "SnapStart"
                            ? new JsonObject { ["ApplyOn"] = value!["ApplyOn"]!.DeepClone(), ["OptimizationStatus"] = "Off" }
                            : key == "Environment" ? new JsonObject { ["Variables"] = value!["Variables"]!.DeepClone() } : value?.DeepClone();
                    }
                }

                f.PendingLeft = PendingPolls;
                f.PendingKind = "LastUpdateStatus";
                config = Current(f);
            }
        }

        if (config is null)
        {
            await ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: {name}", lowerCase: false);
            return;
        }

        await JsonAsync(context, 200, config);
    }

    private async Task PublishAsync(HttpContext context, string name)
    {
        JsonObject? config = null;
        lock (_gate)
        {
            if (_functions.TryGetValue(name, out var f))
            {
                var version = (_functions.Keys.Count(k => k.StartsWith(name + ":", StringComparison.Ordinal)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var copy = f.Config.DeepClone().AsObject();
                copy["Version"] = version;
                copy["FunctionArn"] = $"{f.Config["FunctionArn"]}:{version}";
                if (copy["SnapStart"] is JsonObject snapStart && snapStart["ApplyOn"]?.GetValue<string>() == "PublishedVersions")
                {
                    snapStart["OptimizationStatus"] = "On";
                }

                var published = new FakeFunction(copy) { PendingLeft = PendingPolls, PendingKind = "State", Zip = f.Zip };
                _functions[$"{name}:{version}"] = published;
                config = Current(published);
            }
        }

        if (config is null)
        {
            await ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: {name}", lowerCase: false);
            return;
        }

        await JsonAsync(context, 201, config);
    }

    private async Task InvokeAsync(HttpContext context, RecordedRequest request, string name)
    {
        bool exists;
        lock (_gate)
        {
            exists = _functions.ContainsKey(name);
        }

        if (!exists)
        {
            await ErrorAsync(context, 404, "ResourceNotFoundException", $"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}", lowerCase: false);
            return;
        }

        var (status, body, headers) = InvokeHandler?.Invoke(request) ?? (200, request.BodyText, new Dictionary<string, string>());
        context.Response.StatusCode = status;
        foreach (var (key, value) in headers)
        {
            context.Response.Headers[key] = value;
        }

        context.Response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private async Task LogsAsync(HttpContext context, RecordedRequest request, string target)
    {
        var body = request.Json.AsObject();
        if (target == "Logs_20140328.StartQuery")
        {
            var id = Guid.NewGuid().ToString();
            lock (_gate)
            {
                _queries[id] = body["queryString"]!.GetValue<string>();
                _queryPolls[id] = 0;
            }

            await JsonAsync(context, 200, new JsonObject { ["queryId"] = id });
            return;
        }

        if (target == "Logs_20140328.GetQueryResults")
        {
            var id = body["queryId"]!.GetValue<string>();
            string query;
            int polls;
            lock (_gate)
            {
                query = _queries[id];
                polls = _queryPolls[id]++;
            }

            // The first poll is Running, as a real engine may answer, so that clients must poll.
            var results = polls == 0 ? [] : QueryResults?.Invoke(query) ?? [];
            await JsonAsync(context, 200, new JsonObject { ["status"] = polls == 0 ? "Running" : "Complete", ["results"] = results });
            return;
        }

        await ErrorAsync(context, 400, "UnknownOperationException", target, lowerCase: true);
    }

    private JsonObject Settled(FakeFunction f, bool consume)
    {
        if (f.PendingLeft > 0)
        {
            var pending = Current(f);
            if (consume)
            {
                f.PendingLeft--;
            }

            return pending;
        }

        var config = f.Config.DeepClone().AsObject();
        if (FailReason is { } reason)
        {
            config["State"] = "Failed";
            config["StateReason"] = reason;
            config["StateReasonCode"] = "InternalError";
        }

        return config;
    }

    private static JsonObject Current(FakeFunction f)
    {
        var config = f.Config.DeepClone().AsObject();
        if (f.PendingLeft > 0)
        {
            if (f.PendingKind == "State")
            {
                config["State"] = "Pending";
            }
            else
            {
                config["LastUpdateStatus"] = "InProgress";
            }
        }

        return config;
    }

    private static JsonObject NewConfiguration(string name, JsonObject body)
    {
        var config = new JsonObject
        {
            ["FunctionName"] = name,
            ["FunctionArn"] = $"arn:aws:lambda:us-east-1:000000000000:function:{name}",
            ["Runtime"] = body["Runtime"]?.DeepClone(),
            ["Handler"] = body["Handler"]?.DeepClone(),
            ["Role"] = body["Role"]?.DeepClone() ?? "arn:aws:iam::000000000000:role/thaw",
            ["MemorySize"] = body["MemorySize"]?.DeepClone() ?? 128,
            ["Timeout"] = body["Timeout"]?.DeepClone() ?? 3,
            ["Description"] = body["Description"]?.DeepClone() ?? string.Empty,
            ["Version"] = "$LATEST",
            ["LastModified"] = "2026-12-04T16:00:00.000+0000",
            ["State"] = "Active",
            ["LastUpdateStatus"] = "Successful",
            ["SnapStart"] = new JsonObject { ["ApplyOn"] = body["SnapStart"]?["ApplyOn"]?.DeepClone() ?? "None", ["OptimizationStatus"] = "Off" },
            ["ThawSnapshotCount"] = body["ThawSnapshotCount"]?.DeepClone() ?? 1,
            ["ThawNetworkIdentity"] = body["ThawNetworkIdentity"]?.DeepClone() ?? "preserve",
        };
        if (body["Environment"]?["Variables"] is JsonObject variables)
        {
            config["Environment"] = new JsonObject { ["Variables"] = variables.DeepClone() };
        }

        return config;
    }

    private static string Key(string name, string qualifier) => qualifier.Length == 0 || qualifier == "$LATEST" ? name : $"{name}:{qualifier}";

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>AWS's rest-json error: the code in x-amzn-ErrorType, the message as Message or message depending on the error.</summary>
    private static async Task ErrorAsync(HttpContext context, int status, string type, string message, bool lowerCase)
    {
        context.Response.Headers["x-amzn-ErrorType"] = type;
        await JsonAsync(context, status, new JsonObject { [lowerCase ? "message" : "Message"] = message, ["Type"] = "User" });
    }

    private sealed class FakeFunction(JsonObject config)
    {
        public JsonObject Config { get; } = config;

        public int PendingLeft { get; set; }

        public string PendingKind { get; set; } = "State";

        public byte[]? Zip { get; set; }
    }
}
