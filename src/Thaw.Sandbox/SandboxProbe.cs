using Thaw.Sandbox.Criu;
using Thaw.Sandbox.Linux;

namespace Thaw.Sandbox;

/// <summary>Finds out what this machine allows: namespaces and cgroups (root), and a CRIU that passes its checks.</summary>
public static class SandboxProbe
{
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Probes the machine. <paramref name="criuPath"/> overrides where CRIU is looked for.</summary>
    public static SandboxCapabilities Probe(string? criuPath = null)
    {
        var isolationProblem = ProbeIsolation();
        var (criu, version, snapshotProblem) = ProbeCriu(criuPath);
        if (snapshotProblem is null && isolationProblem is not null)
        {
            snapshotProblem = "Snapshots need isolated environments: " + isolationProblem;
        }

        return new SandboxCapabilities(isolationProblem is null, isolationProblem, snapshotProblem is null, snapshotProblem, criu, version);
    }

    private static string? ProbeIsolation()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Execution environments need Linux (namespaces, cgroups).";
        }

        if (!Native.IsRoot())
        {
            return "Thaw must run as root to create namespaces, mounts and cgroups (effective uid is not 0).";
        }

        if (CgroupHierarchy.Detect("thaw", out var cgroupProblem) is null)
        {
            return cgroupProblem;
        }

        foreach (var tool in new[] { "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setsid" })
        {
            if (!File.Exists(tool))
            {
                return $"{tool} is missing: install util-linux.";
            }
        }

        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
        {
            return "The ip command is missing: install iproute2.";
        }

        try
        {
            var r = ProcessRunner.Run("/usr/bin/unshare", ["--pid", "--net", "--mount", "--uts", "--ipc", "--fork", "--", "/bin/true"], ProbeTimeout);
            return r.Succeeded ? null : $"unshare of pid, net, mount, uts and ipc namespaces failed (exit {r.ExitCode}): {r.Output}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare could not be run: {e.Message}";
        }
    }

    private static (string? Path, string? Version, string? Problem) ProbeCriu(string? criuPath)
    {
        var criu = CriuLocator.Find(criuPath);
        if (criu is null)
        {
            var where = string.IsNullOrEmpty(criuPath) ? $"{CriuLocator.CachePath()} or PATH" : criuPath;
            return (null, null, $"CRIU was not found ({where}); run scripts/build-criu.sh as root to build CRIU {CriuLocator.BuiltVersion}.");
        }

        try
        {
            var v = ProcessRunner.Run(criu, ["--version"], ProbeTimeout);
            var version = CriuLocator.ParseVersion(v.StandardOutput);
            if (!v.Succeeded || version is null)
            {
                return (criu, null, $"{criu} --version failed: {v.Output}");
            }

            if (!Version.TryParse(version, out var parsed) || parsed < CriuLocator.MinimumVersion)
            {
                return (criu, version, $"CRIU {version} is too old: {CriuLocator.MinimumVersion} or newer is needed to dump TCP sockets on this kernel; run scripts/build-criu.sh.");
            }

            if (!Native.IsRoot())
            {
                return (criu, version, "CRIU needs root.");
            }

            var check = ProcessRunner.Run(criu, ["check"], ProbeTimeout);
            return check.Succeeded
                ? (criu, version, null)
                : (criu, version, $"criu check failed: {LastLines(check.Output, 5)}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (criu, null, $"{criu} could not be run: {e.Message}");
        }
    }

    private static string LastLines(string text, int count) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count));
}
