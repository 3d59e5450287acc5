namespace Thaw.Agent.RuntimeApi;

/// <summary>The names RAPID prints in its 403 messages (<c>core/runtime_state_names.go</c>).</summary>
internal static class RuntimeStateNames
{
    public const string Ready = "Ready";
    public const string InitError = "InitError";
    public const string InvocationResponse = "InvocationResponse";
    public const string InvocationErrorResponse = "InvocationErrorResponse";
    public const string RestoreError = "RuntimeRestoreErrorState";

    public static string WireName(this RuntimeState state) => state switch
    {
        RuntimeState.Started => "Started",
        RuntimeState.InitError => InitError,
        RuntimeState.Ready => Ready,
        RuntimeState.Running => "Running",
        RuntimeState.RestoreReady => "RestoreReady",
        RuntimeState.Restoring => "Restoring",
        RuntimeState.InvocationResponse => InvocationResponse,
        RuntimeState.InvocationErrorResponse => InvocationErrorResponse,
        RuntimeState.ResponseSent => "RuntimeResponseSentState",
        RuntimeState.RestoreError => RestoreError,
        _ => state.ToString(),
    };
}
