namespace Thaw.Host.Hosting;

/// <summary>
/// Finds the pieces the host runs inside environments (the agent and the dotnet10 runtime). Explicit options win,
/// then environment variables, then the repository's <c>artifacts/</c> (what <c>./thaw</c> builds).
/// </summary>
internal static class ArtifactLocator
{
    public const string AgentVariable = "THAW_AGENT";
    public const string Dotnet10Variable = "THAW_DOTNET10_RUNTIME";
    public const string CriuVariable = "THAW_CRIU";

    public static IReadOnlyList<string> AgentCommand(ServerOptions options)
    {
        if (options.AgentCommand is { Count: > 0 } command)
        {
            return command;
        }

        if (Environment.GetEnvironmentVariable(AgentVariable) is { Length: > 0 } agent)
        {
            return [agent];
        }

        return [Path.Combine(ArtifactsDirectory(), "agent", "thaw-agent")];
    }

    public static string Dotnet10Runtime(ServerOptions options) =>
        options.Dotnet10RuntimeDirectory
        ?? (Environment.GetEnvironmentVariable(Dotnet10Variable) is { Length: > 0 } d ? d : Path.Combine(ArtifactsDirectory(), "runtimes", "dotnet10"));

    public static string? Criu(ServerOptions options) =>
        options.CriuPath ?? (Environment.GetEnvironmentVariable(CriuVariable) is { Length: > 0 } c ? c : null);

    /// <summary><c>$THAW_ARTIFACTS</c>, else <c>artifacts/</c> next to the first ancestor holding <c>Thaw.slnx</c>.</summary>
    public static string ArtifactsDirectory()
    {
        if (Environment.GetEnvironmentVariable("THAW_ARTIFACTS") is { Length: > 0 } a)
        {
            return a;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Thaw.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
