namespace Thaw.Cli.Common;

/// <summary>Runs a child process to completion, capturing its output.</summary>
internal interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/>; a cancellation kills the whole process tree.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started (for example, not installed).</exception>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken);
}
