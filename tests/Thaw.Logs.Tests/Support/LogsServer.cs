using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Thaw.Logs.Tests.Support;

/// <summary>A real Kestrel on a free loopback port with AddThawLogs + MapLogsApi, as the host wires them.</summary>
internal sealed class LogsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private LogsServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public LogStore Store => _app.Services.GetRequiredService<LogStore>();

    public static async Task<LogsServer> StartAsync(string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "thaw-logs-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddThawLogs(Path.Combine(directory, "logs.db"));
        var app = builder.Build();
        app.MapLogsApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LogsServer(app, directory, new Uri(address));
    }

    /// <summary>Sends one awsJson1.1 request as the AWS CLI does (SigV4 header included, which the server ignores).</summary>
    public async Task<(int Status, JsonNode? Body)> CallAsync(string operation, object body)
    {
        var json = body as string ?? JsonSerializer.Serialize(body, TestJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "Logs_20140328." + operation);
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/logs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261204T000000Z");
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> OkAsync(string operation, object body)
    {
        var (status, node) = await CallAsync(operation, body);
        Assert.True(status == 200, $"{operation} answered {status}: {node?.ToJsonString()}");
        return node ?? new JsonObject();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
