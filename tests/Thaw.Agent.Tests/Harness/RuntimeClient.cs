using System.Net.Http.Headers;
using System.Text;

namespace Thaw.Agent.Tests.Harness;

/// <summary>The test playing the runtime with HttpClient, as the official .NET client does (one kept-alive pool).</summary>
internal sealed class RuntimeClient : IDisposable
{
    private readonly HttpClient _http;

    public RuntimeClient(AgentProcess agent) =>
        _http = new HttpClient { BaseAddress = agent.BaseUri, Timeout = AgentProcess.Timeout };

    public Task<HttpResponseMessage> NextAsync() => _http.GetAsync("runtime/invocation/next");

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, headers);

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public void Dispose() => _http.Dispose();
}
