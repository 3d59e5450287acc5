namespace Thaw.Cli.Tests.Support;

/// <summary>What one <c>thaw</c> invocation produced.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}
