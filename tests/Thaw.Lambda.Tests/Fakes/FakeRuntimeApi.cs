using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Thaw.Lambda.Tests.Fakes;

/// <summary>
/// A Runtime API on 127.0.0.1 (free port) that records every call in order. invocation/next hands out queued events
/// and otherwise waits; restore/next answers once <see cref="ReleaseRestore"/> is called (or at once when
/// <see cref="AutoRestore"/>). Status codes of response/error calls can be overridden.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeInvocation> _invocations = Channel.CreateUnbounded<FakeInvocation>();
    private readonly TaskCompletionSource _restore = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<RecordedCall> _calls = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _changed = new(0);

    private FakeRuntimeApi(WebApplication app) => _app = app;

    public string HostAndPort { get; private set; } = string.Empty;

    public bool AutoRestore { get; set; } = true;

    public int ResponseStatus { get; set; } = StatusCodes.Status202Accepted;

    public int RestoreNextStatus { get; set; } = StatusCodes.Status200OK;

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> Routes => Calls.Select(c => c.Route).ToList();

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeRuntimeApi(app);
        fake.Map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        fake.HostAndPort = new Uri(address).Authority;
        return fake;
    }

    public void Enqueue(FakeInvocation invocation) => _invocations.Writer.TryWrite(invocation);

    public void ReleaseRestore() => _restore.TrySetResult();

    /// <summary>Waits until a call matches, or fails after the timeout.</summary>
    public async Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var match = Calls.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching call; calls so far: " + string.Join(", ", Routes));
            }
        }
    }

    public Task<RecordedCall> WaitForRouteAsync(string route, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Route == route, timeout);

    public async ValueTask DisposeAsync()
    {
        _invocations.Writer.TryComplete();
        _restore.TrySetCanceled();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _changed.Dispose();
    }

    private void Map(WebApplication app)
    {
        var api = app.MapGroup("/2018-06-01/runtime");
        api.MapGet("/invocation/next", async (HttpContext http) =>
        {
            await RecordAsync(http);
            FakeInvocation invocation;
            try
            {
                invocation = await _invocations.Reader.ReadAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            var headers = http.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
            headers["Lambda-Runtime-Deadline-Ms"] = invocation.DeadlineMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
            SetIf(headers, "Lambda-Runtime-Trace-Id", invocation.TraceId);
            SetIf(headers, "Lambda-Runtime-Client-Context", invocation.ClientContext);
            SetIf(headers, "Lambda-Runtime-Cognito-Identity", invocation.CognitoIdentity);
            SetIf(headers, "Lambda-Runtime-Aws-Tenant-Id", invocation.TenantId);
            return Results.Text(invocation.Payload, "application/json");
        });
        api.MapPost("/invocation/{id}/response", async (HttpContext http) =>
        {
            await RecordAsync(http);
            return Results.Json(new Dictionary<string, string> { ["status"] = "OK" }, statusCode: ResponseStatus);
        });
        api.MapPost("/invocation/{id}/error", async (HttpContext http) =>
        {
            await RecordAsync(http);
            return Results.Json(new Dictionary<string, string> { ["status"] = "OK" }, statusCode: StatusCodes.Status202Accepted);
        });
        api.MapPost("/init/error", (Delegate)Accept);
        api.MapPost("/restore/error", (Delegate)Accept);
        api.MapGet("/restore/next", async (HttpContext http) =>
        {
            await RecordAsync(http);
            if (!AutoRestore)
            {
                await _restore.Task.WaitAsync(http.RequestAborted);
            }

            return RestoreNextStatus == StatusCodes.Status200OK
                ? Results.Ok()
                : Results.Json(new Dictionary<string, string> { ["errorType"] = "InvalidStateTransition", ["errorMessage"] = "not in snap-start" }, statusCode: RestoreNextStatus);
        });
    }

    private async Task<IResult> Accept(HttpContext http)
    {
        await RecordAsync(http);
        return Results.Json(new Dictionary<string, string> { ["status"] = "OK" }, statusCode: StatusCodes.Status202Accepted);
    }

    private async Task RecordAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_lock)
        {
            _calls.Add(new RecordedCall(http.Request.Method, http.Request.Path.Value!.Replace("/2018-06-01", string.Empty, StringComparison.Ordinal), headers, body));
        }

        _changed.Release();
    }

    private static void SetIf(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }
}
