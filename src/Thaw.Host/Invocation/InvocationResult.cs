namespace Thaw.Host.Invocation;

/// <summary>The result of a synchronous invocation. <see cref="FunctionError"/> is <c>Unhandled</c> for function errors.</summary>
internal sealed record InvocationResult(string RequestId, byte[] Payload, string? FunctionError, string? LogTail, string ExecutedVersion);
