using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.ExceptionHandling;

namespace Thaw.Lambda.RuntimeSupport.Client;

/// <summary>Calls the Lambda Runtime API (see RUNTIME-API.md next to this project).</summary>
internal sealed class RuntimeApiClient
{
    private readonly HttpClient _httpClient;
    private readonly string _baseUrl;
    private readonly LambdaEnvironment _environment;
    private readonly TimeProvider _timeProvider;
    private readonly ILambdaLogger _logger;

    public RuntimeApiClient(HttpClient httpClient, string hostAndPort, LambdaEnvironment environment, TimeProvider timeProvider, ILambdaLogger logger)
    {
        _httpClient = httpClient;
        _baseUrl = "http://" + hostAndPort + RuntimeApiHeaders.ApiVersionPath;
        _environment = environment;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary><c>GET /runtime/invocation/next</c>: blocks until the platform has an event for this environment.</summary>
    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(new Uri(_baseUrl + RuntimeApiHeaders.PathInvocationNext), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, "GET invocation/next", cancellationToken);

        var headers = response.Headers;
        var requestId = Header(headers, RuntimeApiHeaders.HeaderAwsRequestId)
            ?? throw new RuntimeApiClientException($"GET invocation/next: the response has no {RuntimeApiHeaders.HeaderAwsRequestId} header.");
        _ = long.TryParse(Header(headers, RuntimeApiHeaders.HeaderDeadlineMs), NumberStyles.Integer, CultureInfo.InvariantCulture, out var deadlineMs);

        var body = new MemoryStream();
        await response.Content.CopyToAsync(body, cancellationToken);
        body.Position = 0;

        var context = new LambdaContext(_environment, _timeProvider, _logger, requestId, deadlineMs)
        {
            InvokedFunctionArn = Header(headers, RuntimeApiHeaders.HeaderInvokedFunctionArn) ?? string.Empty,
            TraceId = Header(headers, RuntimeApiHeaders.HeaderTraceId) ?? string.Empty,
            TenantId = Header(headers, RuntimeApiHeaders.HeaderAwsTenantId),
            ClientContext = ClientContext.FromJson(Header(headers, RuntimeApiHeaders.HeaderClientContext)),
            Identity = CognitoIdentity.FromJson(Header(headers, RuntimeApiHeaders.HeaderCognitoIdentity)),
        };
        return new InvocationRequest(body, context);
    }

    /// <summary><c>POST /runtime/invocation/{id}/response</c>.</summary>
    public async Task SendResponseAsync(string awsRequestId, Stream? outputStream, CancellationToken cancellationToken)
    {
        using var content = outputStream is null ? (HttpContent)new ByteArrayContent([]) : new StreamContent(outputStream);
        var path = RuntimeApiHeaders.InvocationResponsePath(awsRequestId);
        using var response = await _httpClient.PostAsync(new Uri(_baseUrl + path), content, cancellationToken);
        await EnsureSuccessAsync(response, "POST invocation/response", cancellationToken);
    }

    /// <summary><c>POST /runtime/invocation/{id}/error</c> with the error type header set to the exception's short type name.</summary>
    public Task ReportInvocationErrorAsync(string awsRequestId, Exception exception, CancellationToken cancellationToken)
    {
        var info = new ExceptionInfo(exception);
        var path = RuntimeApiHeaders.InvocationErrorPath(awsRequestId);
        return PostErrorAsync(path, info.ErrorType, LambdaJsonExceptionWriter.WriteJson(info), "POST invocation/error", cancellationToken);
    }

    /// <summary><c>POST /runtime/init/error</c>; as in Amazon's client, no error type header unless one is given.</summary>
    public Task ReportInitializationErrorAsync(Exception exception, string? errorType, CancellationToken cancellationToken) =>
        PostErrorAsync(RuntimeApiHeaders.PathInitError, errorType, LambdaJsonExceptionWriter.WriteJson(new ExceptionInfo(exception)), "POST init/error", cancellationToken);

    /// <summary><c>POST /runtime/restore/error</c>.</summary>
    public Task ReportRestoreErrorAsync(Exception exception, string errorType, CancellationToken cancellationToken) =>
        PostErrorAsync(RuntimeApiHeaders.PathRestoreError, errorType, LambdaJsonExceptionWriter.WriteJson(new ExceptionInfo(exception)), "POST restore/error", cancellationToken);

    /// <summary><c>GET /runtime/restore/next</c>: the snapshot is taken while this call is pending; it returns after restore.</summary>
    public async Task RestoreNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _httpClient.GetAsync(new Uri(_baseUrl + RuntimeApiHeaders.PathRestoreNext), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, "GET restore/next", cancellationToken);
    }

    private async Task PostErrorAsync(string path, string? errorType, string json, string call, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(RuntimeApiHeaders.ContentTypeError);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl + path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.HeaderFunctionErrorType, errorType);
        }

        using var response = await _httpClient.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RuntimeApiClientException(call, response.StatusCode, body);
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
