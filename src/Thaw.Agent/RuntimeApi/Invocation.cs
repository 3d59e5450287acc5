using Thaw.Agent.Control;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.RuntimeApi;

/// <summary>One event for the runtime, from an <c>Invoke</c> frame.</summary>
internal sealed record Invocation(
    string RequestId,
    long? DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    string? TenantId,
    string? ContentType,
    ReadOnlyMemory<byte> Event)
{
    /// <summary>Reads an Invoke frame; null when it lacks a request id.</summary>
    public static Invocation? FromFrame(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var requestId = frame.GetString(FrameFields.RequestId);
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }

        // RAPID reads the event through io.LimitReader(payload, MaxPayloadSize).
        var body = frame.Body.Length > RuntimeApiWire.MaxPayloadSize ? frame.Body[..RuntimeApiWire.MaxPayloadSize] : frame.Body;
        return new Invocation(
            requestId,
            frame.GetInt64(FrameFields.DeadlineMs),
            frame.GetString(FrameFields.InvokedFunctionArn),
            frame.GetString(FrameFields.TraceId),
            frame.GetString(FrameFields.ClientContext),
            frame.GetString(FrameFields.CognitoIdentity),
            frame.GetString(FrameFields.TenantId),
            frame.GetString(FrameFields.ContentType),
            body);
    }
}
