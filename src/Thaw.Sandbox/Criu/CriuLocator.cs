namespace Thaw.Sandbox.Criu;

/// <summary>Where Thaw looks for CRIU: an explicit path, the cache of scripts/build-criu.sh, then PATH.</summary>
internal static class CriuLocator
{
    /// <summary>The version scripts/build-criu.sh builds, and the oldest that dumps TCP sockets on recent kernels.</summary>
    public static readonly Version MinimumVersion = new(4, 2);

    public const string BuiltVersion = "4.2.1";

    /// <summary><c>${THAW_TOOLS_DIR:-$HOME/.cache/thaw/tools}/criu-4.2.1/criu</c>, the same rule as the script.</summary>
    public static string CachePath()
    {
        var tools = Environment.GetEnvironmentVariable("THAW_TOOLS_DIR");
        if (string.IsNullOrEmpty(tools))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            tools = Path.Combine(home, ".cache", "thaw", "tools");
        }

        return Path.Combine(tools, $"criu-{BuiltVersion}", "criu");
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? Find(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        var cached = CachePath();
        if (File.Exists(cached))
        {
            return cached;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? Linux.ProcessRunner.SystemPath;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "criu"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Parses <c>Version: 4.2.1</c> from <c>criu --version</c>.</summary>
    public static string? ParseVersion(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("Version:", StringComparison.Ordinal))
            {
                return t["Version:".Length..].Trim();
            }
        }

        return null;
    }
}
