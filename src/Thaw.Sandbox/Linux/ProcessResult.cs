namespace Thaw.Sandbox.Linux;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, trimmed, for error messages.</summary>
    public string Output => $"{StandardOutput.Trim()}\n{StandardError.Trim()}".Trim();
}
