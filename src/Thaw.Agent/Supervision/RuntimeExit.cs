namespace Thaw.Agent.Supervision;

/// <summary>How the runtime ended: an exit code, or the number of the signal that killed it.</summary>
internal sealed record RuntimeExit(int? ExitCode, int? Signal)
{
    /// <summary>Decodes a waitpid status (WIFEXITED / WIFSIGNALED).</summary>
    public static RuntimeExit FromWaitStatus(int status) =>
        (status & 0x7F) == 0
            ? new RuntimeExit((status >> 8) & 0xFF, null)
            : new RuntimeExit(null, status & 0x7F);
}
