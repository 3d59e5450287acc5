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
        IReadOnlyList<string> command = options.AgentCommand is { Count: > 0 } given
            ? given
            : [Environment.GetEnvironmentVariable(AgentVariable) is { Length: > 0 } agent ? agent : Path.Combine(ArtifactsDirectory(), "agent", "thaw-agent")];
        return [VisibleInsideEnvironments(command[0], options.StateDirectory), .. command.Skip(1)];
    }

    /// <summary>
    /// The agent is exec'd inside the environment's mount namespace, where /tmp is a fresh tmpfs and the state
    /// directory and the host's private directories (/root, /home, /var/tmp, … see LinuxSandbox.HostPrivateDirectories)
    /// are covered. An agent in a checkout there would be unreachable (or keep that directory visible), so such an agent
    /// is copied, content-addressed, to /var/lib/thaw/agent first.
    /// </summary>
    private static string VisibleInsideEnvironments(string agentPath, string stateDirectory)
    {
        var full = Path.GetFullPath(agentPath);
        var state = Path.GetFullPath(stateDirectory).TrimEnd('/') + "/";
        var hidden = full.StartsWith("/tmp/", StringComparison.Ordinal) || full.StartsWith("/dev/shm/", StringComparison.Ordinal) || full.StartsWith(state, StringComparison.Ordinal)
            || Thaw.Sandbox.LinuxSandbox.HostPrivateDirectories.Any(d => full.StartsWith(d + "/", StringComparison.Ordinal));
        if (!hidden || !File.Exists(full))
        {
            return full;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(full)))[..16];
        var directory = Path.Combine("/var/lib/thaw/agent", hash);
        var target = Path.Combine(directory, Path.GetFileName(full));
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(directory);
            var temp = target + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            File.Copy(full, temp, overwrite: true);
            File.SetUnixFileMode(temp, (UnixFileMode)0b111_101_101);
            try
            {
                // Never replace a copy another host made meanwhile (same content, by its name): environments may be
                // running it, and CRIU cannot dump a process whose executable was unlinked under it.
                File.Move(temp, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                File.Delete(temp);
            }
        }

        return target;
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
