namespace Thaw.Cli.Common;

/// <summary>Outcome of a finished child process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
