namespace Thaw.Agent.RuntimeApi;

/// <summary>The event for a <c>/next</c> call, or the state that made it a 403.</summary>
internal sealed record NextOutcome(Invocation? Invocation, RuntimeState? ForbiddenIn);
