using System.Globalization;

namespace Thaw.Sandbox.Linux;

/// <summary>One environment's memory cgroup (and v1 pids cgroup): limit, peak usage, and the processes to kill.</summary>
internal sealed class EnvironmentCgroup(string path, bool isV2, string? pidsPath = null)
{
    public string Path { get; } = path;

    /// <summary>The v1 pids cgroup of the same environment, or null (v2 limits pids in <see cref="Path"/>).</summary>
    public string? PidsPath { get; } = pidsPath;

    /// <summary>Writing a pid here moves that process (and its future children) into the cgroup.</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>Every cgroup.procs the environment's first process must join.</summary>
    public IReadOnlyList<string> ProcsFiles => PidsPath is null ? [ProcsFile] : [ProcsFile, System.IO.Path.Combine(PidsPath, "cgroup.procs")];

    public bool Exists => Directory.Exists(Path);

    /// <summary>Highest memory usage seen, in bytes, or null when the kernel does not report it.</summary>
    public long? ReadPeakBytes()
    {
        var file = System.IO.Path.Combine(Path, isV2 ? "memory.peak" : "memory.max_usage_in_bytes");
        try
        {
            return long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Forgets the peak (after CRIU restored into the cgroup, its own usage must not count as the function's).</summary>
    public void ResetPeak() => CgroupHierarchy.TryWrite(System.IO.Path.Combine(Path, isV2 ? "memory.peak" : "memory.max_usage_in_bytes"), "0");

    public IReadOnlyList<int> ReadPids()
    {
        try
        {
            return [.. File.ReadAllLines(ProcsFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>SIGKILLs every process in the cgroup.</summary>
    public void KillAll()
    {
        var killFile = System.IO.Path.Combine(Path, "cgroup.kill");
        if (isV2 && File.Exists(killFile))
        {
            CgroupHierarchy.TryWrite(killFile, "1");
            return;
        }

        foreach (var pid in ReadPids())
        {
            _ = Native.Kill(pid, Native.SigKill);
        }
    }

    /// <summary>Kills what is left and removes the cgroup, waiting for dying processes to leave it.</summary>
    public async Task<bool> RemoveAsync(TimeProvider timeProvider, TimeSpan timeout)
    {
        var start = timeProvider.GetTimestamp();
        while (true)
        {
            if ((!Exists || CgroupHierarchy.TryRemove(Path)) && (PidsPath is null || CgroupHierarchy.TryRemove(PidsPath)))
            {
                return true;
            }

            KillAll();
            if (timeProvider.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), timeProvider).ConfigureAwait(false);
        }
    }
}
