using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Api;

/// <summary>
/// Plain HTTP to one host: maps "nothing listens" to <see cref="HostUnreachableException"/> and AWS error responses
/// (<c>x-amzn-ErrorType</c> + a body with <c>Message</c>/<c>message</c>/<c>__type</c>) to <see cref="LambdaApiException"/>.
/// </summary>
internal sealed class HostConnection(HttpClient http, Uri endpoint)
{
    public Uri Endpoint { get; } = endpoint;

    public HttpClient Http { get; } = http;

    public Uri Resolve(string pathAndQuery) => new(Endpoint, pathAndQuery);

    /// <summary>Sends a request; the response may be an error (not checked here).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new HostUnreachableException(Endpoint, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // SocketsHttpHandler.ConnectTimeout surfaces as a cancellation the caller did not ask for.
            throw new HostUnreachableException(Endpoint, e);
        }
    }

    /// <summary>Serialises <paramref name="body"/> as request content.</summary>
    public static HttpContent JsonContent<T>(T body, JsonTypeInfo<T> type, string contentType = WireNames.ContentTypeJson)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    /// <summary>Sends a request with optional content and reads a JSON answer, throwing on AWS errors.</summary>
    public async Task<TResponse> SendJsonAsync<TResponse>(
        HttpMethod method,
        string pathAndQuery,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken,
        string? target = null)
    {
        using var request = new HttpRequestMessage(method, Resolve(pathAndQuery)) { Content = content };
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation(WireNames.HeaderTarget, target);
        }

        using var response = await SendAsync(request, cancellationToken);
        await ThrowIfErrorAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new LambdaApiException(response.StatusCode, "InvalidResponse", $"The host answered {method} {pathAndQuery} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new LambdaApiException(response.StatusCode, "InvalidResponse", $"The host answered {method} {pathAndQuery} with something that is not the expected JSON: {e.Message}");
        }
    }

    /// <summary>GET of a JSON document.</summary>
    public Task<TResponse> GetJsonAsync<TResponse>(string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Get, pathAndQuery, null, responseType, cancellationToken);

    /// <summary>Throws <see cref="LambdaApiException"/> for a non-success status, with the AWS error code and message.</summary>
    public static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ErrorBody? body = null;
        try
        {
            body = text.Length > 0 ? JsonSerializer.Deserialize(text, LambdaJsonContext.Default.ErrorBody) : null;
        }
        catch (JsonException)
        {
            // Not an AWS error body (a proxy, or not a Thaw host); the raw text is shown instead.
        }

        var type = ErrorTypeFromHeader(response) ?? StripTypePrefix(body?.TypeCode) ?? DefaultErrorType(response.StatusCode);
        var message = body?.Message ?? (text.Length > 0 && body is null ? Truncate(text) : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        throw new LambdaApiException(response.StatusCode, type, message);
    }

    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
        || e.InnerException is SocketException;

    private static string? ErrorTypeFromHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues(WireNames.HeaderErrorType, out var values) ? StripTypePrefix(values.FirstOrDefault()) : null;

    /// <summary>AWS may send <c>Code:http://…</c> in the header and <c>namespace#Code</c> in <c>__type</c>.</summary>
    private static string? StripTypePrefix(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            type = type[..colon];
        }

        var hash = type.LastIndexOf('#');
        return hash >= 0 ? type[(hash + 1)..] : type;
    }

    private static string DefaultErrorType(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.BadRequest => "BadRequest",
        _ => "ServiceException",
    };

    private static string Truncate(string text) => text.Length <= 500 ? text.Trim() : string.Concat(text.AsSpan(0, 500), "…");
}
