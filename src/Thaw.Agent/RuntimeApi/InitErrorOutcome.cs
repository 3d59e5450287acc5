namespace Thaw.Agent.RuntimeApi;

/// <summary>What a <c>POST init/error</c> amounts to.</summary>
internal enum InitErrorOutcome
{
    InitError,
    RestoreError,
    AlreadyReported,
    Forbidden,
}
