using System.Text;
using Thaw.Agent.Control;
using Thaw.Agent.Http;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.RuntimeApi;

/// <summary>
/// The routes of RAPID's <c>rapi/router.go</c> under <c>/2018-06-01</c> and their handlers, in RAPID's order:
/// request-id validation, then the state transition, then the body. Frames to the host are sent before the
/// runtime gets its answer, as RAPID forwards a response before rendering 202.
/// </summary>
internal sealed class RuntimeApiHandler
{
    internal const string Get = "GET";
    internal const string Post = "POST";

    private readonly RuntimeStateMachine _state;
    private readonly IHostNotifier _notifier;
    private readonly bool _snapStart;

    public RuntimeApiHandler(RuntimeStateMachine state, IHostNotifier notifier, bool snapStart)
    {
        _state = state;
        _notifier = notifier;
        _snapStart = snapStart;
    }

    public async Task<HttpResponse> HandleAsync(HttpConnection connection, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);

        // RAPID serves /ping under /2018-06-01; the bare /ping is kept for readiness probes.
        if (request.Path == RuntimeApiWire.PingPath)
        {
            return Only(request, Get) ?? RapidResponses.Pong();
        }

        if (!request.Path.StartsWith(RuntimeApiWire.VersionPrefix + "/", StringComparison.Ordinal))
        {
            return RapidResponses.NotFound();
        }

        var route = request.Path[RuntimeApiWire.VersionPrefix.Length..];
        switch (route)
        {
            case RuntimeApiWire.PingPath:
                return Only(request, Get) ?? RapidResponses.Pong();
            case RuntimeApiWire.InvocationNextPath:
                return Only(request, Get) ?? await NextAsync(connection, cancellationToken).ConfigureAwait(false);
            case RuntimeApiWire.InitErrorPath:
                return Only(request, Post) ?? await InitErrorAsync(connection, request, cancellationToken).ConfigureAwait(false);
            case RuntimeApiWire.RestoreNextPath when _snapStart:
                return Only(request, Get) ?? await RestoreNextAsync(cancellationToken).ConfigureAwait(false);
            case RuntimeApiWire.RestoreErrorPath when _snapStart:
                return Only(request, Post) ?? await RestoreErrorAsync(connection, request, cancellationToken).ConfigureAwait(false);
        }

        if (route.StartsWith(RuntimeApiWire.InvocationPathPrefix, StringComparison.Ordinal))
        {
            var rest = route[RuntimeApiWire.InvocationPathPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && rest.IndexOf('/', slash + 1) < 0)
            {
                var requestId = PercentDecode(rest[..slash]);
                switch (rest[(slash + 1)..])
                {
                    case RuntimeApiWire.ResponseSegment:
                        return Only(request, Post) ?? await ResponseAsync(connection, request, requestId, cancellationToken).ConfigureAwait(false);
                    case RuntimeApiWire.ErrorSegment:
                        return Only(request, Post) ?? await ErrorAsync(connection, request, requestId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return RapidResponses.NotFound();
    }

    private static HttpResponse? Only(HttpRequest request, string method) =>
        request.Method == method ? null : RapidResponses.MethodNotAllowed(method);

    private async Task<HttpResponse> NextAsync(HttpConnection connection, CancellationToken cancellationToken)
    {
        var outcome = await _state.NextAsync(connection.IsPeerClosed, cancellationToken).ConfigureAwait(false);
        return outcome.ForbiddenIn is { } current
            ? RapidResponses.InvalidStateTransition(current, RuntimeStateNames.Ready)
            : RapidResponses.Invocation(outcome.Invocation!);
    }

    private async Task<HttpResponse> RestoreNextAsync(CancellationToken cancellationToken)
    {
        // RAPID's restore/next handler names "Ready" as the target state in its 403 (restorenext.go).
        var forbiddenIn = await _state.RestoreNextAsync(cancellationToken).ConfigureAwait(false);
        return forbiddenIn is { } current
            ? RapidResponses.InvalidStateTransition(current, RuntimeStateNames.Ready)
            : RapidResponses.RestoreReleased();
    }

    private async Task<HttpResponse> ResponseAsync(HttpConnection connection, HttpRequest request, string requestId, CancellationToken cancellationToken)
    {
        if (!_state.IsCurrentInvocation(requestId))
        {
            return RapidResponses.InvalidRequestId();
        }

        if (!_state.TryBeginResponse(out var current))
        {
            return RapidResponses.InvalidStateTransition(current, RuntimeStateNames.InvocationResponse);
        }

        var contentType = request.Headers.Get(RuntimeApiWire.HeaderContentType);
        var responseMode = request.Headers.Get(RuntimeApiWire.HeaderFunctionResponseMode);
        if (!string.IsNullOrEmpty(responseMode) && responseMode != RuntimeApiWire.ResponseModeStreaming)
        {
            // As RAPID: the invocation fails, and the runtime stays in InvocationResponse (ResponseSent is not called).
            SendInvocationError(requestId, ErrorTypes.RuntimeInvalidResponseModeHeader, RuntimeApiWire.ContentTypeJson, FunctionError(ErrorTypes.RuntimeInvalidResponseModeHeader, "Invalid function response mode"));
            return RapidResponses.InvalidFunctionResponseMode();
        }

        HttpBody body;
        try
        {
            body = await connection.ReadBodyAsync(RuntimeApiWire.MaxPayloadSize, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpBodyTruncatedException or MalformedRequestException)
        {
            SendInvocationError(requestId, ErrorTypes.RuntimeTruncatedResponse, RuntimeApiWire.ContentTypeJson, FunctionError(ErrorTypes.RuntimeTruncatedResponse, "The runtime's response ended before it was complete."));
            _state.CompleteResponse();
            return RapidResponses.TruncatedHttpRequest().WithCloseConnection();
        }

        if (body.Length > RuntimeApiWire.MaxPayloadSize)
        {
            SendTooLarge(requestId, body.Length);
            _state.CompleteResponse();
            return RapidResponses.RequestEntityTooLarge();
        }

        var errorTypeTrailer = body.Trailers.Get(RuntimeApiWire.HeaderFunctionErrorType);
        if (!string.IsNullOrEmpty(errorTypeTrailer))
        {
            // A streamed response that failed midway: the error travels in the trailers, its body base64-encoded.
            var errorBody = DecodeBase64(body.Trailers.Get(RuntimeApiWire.HeaderFunctionErrorBody) ?? string.Empty);
            var errorContentType = ErrorCauseBody.IsValidJson(errorBody) ? RuntimeApiWire.ContentTypeJson : RuntimeApiWire.ContentTypeOctetStream;
            SendInvocationError(requestId, ErrorTypes.Validate(errorTypeTrailer), errorContentType, errorBody);
        }
        else
        {
            var header = new Dictionary<string, object?> { [FrameFields.RequestId] = requestId, [FrameFields.ContentType] = contentType };
            _notifier.Notify(FrameKind.Response, header, body.Content.Span);
        }

        _state.CompleteResponse();
        return RapidResponses.Accepted();
    }

    private async Task<HttpResponse> ErrorAsync(HttpConnection connection, HttpRequest request, string requestId, CancellationToken cancellationToken)
    {
        if (!_state.IsCurrentInvocation(requestId))
        {
            return RapidResponses.InvalidRequestId();
        }

        if (!_state.TryBeginErrorResponse(out var current))
        {
            return RapidResponses.InvalidStateTransition(current, RuntimeStateNames.InvocationErrorResponse);
        }

        var errorType = ErrorTypes.Validate(request.Headers.Get(RuntimeApiWire.HeaderFunctionErrorType));
        var (body, complete) = await ReadErrorBodyAsync(connection, cancellationToken).ConfigureAwait(false);
        if (body.Length > RuntimeApiWire.MaxPayloadSize)
        {
            SendTooLarge(requestId, body.Length);
            _state.CompleteResponse();
            return RapidResponses.RequestEntityTooLarge();
        }

        var requestContentType = request.Headers.Get(RuntimeApiWire.HeaderContentType);
        ReadOnlyMemory<byte> payload = body.Content;
        var contentType = requestContentType;
        if (requestContentType == RuntimeApiWire.ContentTypeErrorCause)
        {
            var filtered = ErrorCauseBody.Filter(body.Content);
            payload = filtered ?? Encoding.UTF8.GetBytes(ErrorCauseBody.InvalidErrorBody);
            contentType = filtered is null ? RuntimeApiWire.ContentTypeOctetStream : RuntimeApiWire.ContentTypeJson;
        }

        SendInvocationError(requestId, errorType, contentType, payload.Span);
        _state.CompleteResponse();
        return Accepted(complete);
    }

    private async Task<HttpResponse> InitErrorAsync(HttpConnection connection, HttpRequest request, CancellationToken cancellationToken)
    {
        // RAPID reads the body before looking at the state (initerror.go).
        var errorType = ErrorTypes.Validate(request.Headers.Get(RuntimeApiWire.HeaderFunctionErrorType));
        var (body, complete) = await ReadErrorBodyAsync(connection, cancellationToken).ConfigureAwait(false);
        var outcome = _state.InitError(out var current);
        var kind = outcome switch
        {
            InitErrorOutcome.InitError => FrameKind.InitError,
            InitErrorOutcome.RestoreError => FrameKind.RestoreError,
            _ => (FrameKind?)null,
        };
        if (outcome == InitErrorOutcome.Forbidden)
        {
            return RapidResponses.InvalidStateTransition(current, RuntimeStateNames.InitError);
        }

        if (kind is { } frameKind)
        {
            SendPhaseError(frameKind, errorType, body.Content.Span);
        }

        return Accepted(complete);
    }

    private async Task<HttpResponse> RestoreErrorAsync(HttpConnection connection, HttpRequest request, CancellationToken cancellationToken)
    {
        var errorType = ErrorTypes.Validate(request.Headers.Get(RuntimeApiWire.HeaderFunctionErrorType));
        if (!_state.TryRestoreError(out var current, out var report))
        {
            return RapidResponses.InvalidStateTransition(current, RuntimeStateNames.RestoreError);
        }

        // RAPID ignores this body; the host gets it, since it is the only account of what the hook did.
        var (body, complete) = await ReadErrorBodyAsync(connection, cancellationToken).ConfigureAwait(false);
        if (report)
        {
            SendPhaseError(FrameKind.RestoreError, errorType, body.Content.Span);
        }

        return Accepted(complete);
    }

    private static HttpResponse Accepted(bool complete) =>
        complete ? RapidResponses.Accepted() : RapidResponses.Accepted().WithCloseConnection();

    /// <summary>Reads an error document; a broken body is forwarded as far as it got, like RAPID's io.ReadAll.</summary>
    private static async Task<(HttpBody Body, bool Complete)> ReadErrorBodyAsync(HttpConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return (await connection.ReadBodyAsync(RuntimeApiWire.MaxPayloadSize, cancellationToken).ConfigureAwait(false), true);
        }
        catch (Exception ex) when (ex is HttpBodyTruncatedException or MalformedRequestException)
        {
            return (new HttpBody(ReadOnlyMemory<byte>.Empty, 0, HttpHeaderCollection.Empty), false);
        }
    }

    private void SendPhaseError(FrameKind kind, string errorType, ReadOnlySpan<byte> body)
    {
        // initerror.go: application/json when the body is valid JSON, else application/octet-stream.
        var header = new Dictionary<string, object?>
        {
            [FrameFields.ErrorType] = errorType,
            [FrameFields.ContentType] = ErrorCauseBody.IsValidJson(body) ? RuntimeApiWire.ContentTypeJson : RuntimeApiWire.ContentTypeOctetStream,
        };
        _notifier.Notify(kind, header, body);
    }

    private void SendInvocationError(string requestId, string errorType, string? contentType, ReadOnlySpan<byte> body)
    {
        var header = new Dictionary<string, object?>
        {
            [FrameFields.RequestId] = requestId,
            [FrameFields.ErrorType] = errorType,
            [FrameFields.ContentType] = contentType,
        };
        _notifier.Notify(FrameKind.InvocationError, header, body);
    }

    /// <summary><c>interop.ErrorResponseTooLarge.AsErrorResponse</c>: json.Marshal of FunctionError (no newline).</summary>
    private void SendTooLarge(string requestId, long size)
    {
        var message = $"Response payload size ({size} bytes) exceeded maximum allowed payload size ({RuntimeApiWire.MaxPayloadSize} bytes).";
        SendInvocationError(requestId, ErrorTypes.FunctionResponseSizeTooLarge, RuntimeApiWire.ContentTypeJson, FunctionError(ErrorTypes.FunctionResponseSizeTooLarge, message));
    }

    /// <summary><c>interop.FunctionError</c> marshalled: errorType, then errorMessage.</summary>
    private static byte[] FunctionError(string errorType, string message)
    {
        var json = new StringBuilder();
        json.Append("{\"errorType\":");
        GoJson.AppendString(json, errorType);
        json.Append(",\"errorMessage\":");
        GoJson.AppendString(json, message);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static byte[] DecodeBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(value);
        }
    }

    /// <summary>Percent-decodes one path segment; invalid escapes make the request malformed, as in Go's URL parser.</summary>
    private static string PercentDecode(string segment)
    {
        if (!segment.Contains('%', StringComparison.Ordinal))
        {
            return segment;
        }

        var bytes = new List<byte>(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] != '%')
            {
                bytes.Add((byte)segment[i]);
                continue;
            }

            if (i + 2 >= segment.Length || !byte.TryParse(segment.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                throw new MalformedRequestException("invalid URL escape");
            }

            bytes.Add(value);
            i += 2;
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
