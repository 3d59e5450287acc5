namespace Thaw.Agent.RuntimeApi;

/// <summary>RAPID's runtime states (<c>core/states.go</c>).</summary>
internal enum RuntimeState
{
    Started,
    InitError,
    Ready,
    Running,
    RestoreReady,
    Restoring,
    InvocationResponse,
    InvocationErrorResponse,
    ResponseSent,
    RestoreError,
}
