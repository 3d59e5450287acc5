using System.Text;
using Thaw.Agent.Http;

namespace Thaw.Agent.RuntimeApi;

/// <summary>
/// The responses RAPID gives the runtime, byte for byte: <c>rendering.RenderJSON</c> uses a Go json.Encoder, which
/// writes struct fields in declaration order (errorMessage before errorType) and ends the body with a newline.
/// </summary>
internal static class RapidResponses
{
    public const string StateTransitionNotAllowed = "State transition is not allowed";

    private static readonly KeyValuePair<string, string>[] JsonHeaders = [new(RuntimeApiWire.HeaderContentType, RuntimeApiWire.ContentTypeJson)];

    public static HttpResponse Accepted() => Json(HttpStatus.Accepted, "{\"status\":\"OK\"}\n");

    public static HttpResponse InvalidRequestId() =>
        Json(HttpStatus.BadRequest, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n");

    public static HttpResponse InvalidFunctionResponseMode() =>
        Json(HttpStatus.BadRequest, "{\"errorMessage\":\"Invalid function response mode\",\"errorType\":\"InvalidFunctionResponseMode\"}\n");

    public static HttpResponse TruncatedHttpRequest() =>
        Json(HttpStatus.BadRequest, "{\"errorMessage\":\"HTTP request detected as truncated\",\"errorType\":\"TruncatedHTTPRequest\"}\n");

    public static HttpResponse RequestEntityTooLarge() =>
        Json(
            HttpStatus.RequestEntityTooLarge,
            $"{{\"errorMessage\":\"Exceeded maximum allowed payload size ({RuntimeApiWire.MaxPayloadSize} bytes).\",\"errorType\":\"RequestEntityTooLarge\"}}\n");

    public static HttpResponse InternalServerError() =>
        Json(HttpStatus.InternalServerError, "{\"errorMessage\":\"Internal Server Error\",\"errorType\":\"InternalServerError\"}\n");

    /// <summary><c>StateTransitionFailedForRuntimeMessageFormat</c>: "State transition from %s to %s failed for runtime. Error: %s".</summary>
    public static HttpResponse InvalidStateTransition(RuntimeState current, string target)
    {
        var message = $"State transition from {current.WireName()} to {target} failed for runtime. Error: {StateTransitionNotAllowed}";
        var body = new StringBuilder();
        body.Append("{\"errorMessage\":");
        GoJson.AppendString(body, message);
        body.Append(",\"errorType\":\"InvalidStateTransition\"}\n");
        return Json(HttpStatus.Forbidden, body.ToString());
    }

    /// <summary>Go's <c>http.NotFound</c>, which chi answers for unknown paths.</summary>
    public static HttpResponse NotFound() =>
        new(
            HttpStatus.NotFound,
            "404 page not found\n"u8.ToArray(),
            [new(RuntimeApiWire.HeaderContentType, RuntimeApiWire.ContentTypeTextPlain), new(RuntimeApiWire.HeaderContentTypeOptions, "nosniff")]);

    /// <summary>chi's 405: an Allow field per allowed method and an empty body.</summary>
    public static HttpResponse MethodNotAllowed(string allowed) =>
        new(HttpStatus.MethodNotAllowed, ReadOnlyMemory<byte>.Empty, [new(RuntimeApiWire.HeaderAllow, allowed)]);

    /// <summary>The ping handler writes "pong"; Go sniffs its content type.</summary>
    public static HttpResponse Pong() =>
        new(HttpStatus.Ok, "pong"u8.ToArray(), [new(RuntimeApiWire.HeaderContentType, RuntimeApiWire.ContentTypeTextPlain)]);

    /// <summary><c>RestoreRenderer</c>: 200 and nothing else.</summary>
    public static HttpResponse RestoreReleased() => new(HttpStatus.Ok);

    /// <summary>The runtime's event: RAPID <c>renderInvokeHeaders</c> sets each header only when non-empty.</summary>
    public static HttpResponse Invocation(Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var headers = new List<KeyValuePair<string, string>>(8);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderAwsRequestId, invocation.RequestId);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderTraceId, invocation.TraceId);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderClientContext, invocation.ClientContext);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderCognitoIdentity, invocation.CognitoIdentity);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderInvokedFunctionArn, invocation.InvokedFunctionArn);
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderDeadlineMs, invocation.DeadlineMs?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddIfNotEmpty(headers, RuntimeApiWire.HeaderAwsTenantId, invocation.TenantId);
        headers.Add(new(RuntimeApiWire.HeaderContentType, string.IsNullOrEmpty(invocation.ContentType) ? RuntimeApiWire.ContentTypeJson : invocation.ContentType));
        return new HttpResponse(HttpStatus.Ok, invocation.Event, headers);
    }

    private static void AddIfNotEmpty(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers.Add(new(name, value));
        }
    }

    private static HttpResponse Json(int status, string body) => new(status, Encoding.UTF8.GetBytes(body), JsonHeaders);
}
