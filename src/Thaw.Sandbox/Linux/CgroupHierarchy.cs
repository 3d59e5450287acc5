using System.Globalization;

namespace Thaw.Sandbox.Linux;

/// <summary>
/// Where memory cgroups are made: cgroup v2 when its memory controller is available (a pure v2 mount at
/// /sys/fs/cgroup, or the hybrid unified mount), else the v1 memory hierarchy at /sys/fs/cgroup/memory.
/// A pids limit (Lambda's 1024 processes and threads) is added where a pids controller exists: in the same v2
/// cgroup, or in the v1 pids hierarchy (a second cgroup of the same name).
/// </summary>
internal sealed class CgroupHierarchy
{
    internal const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>Lambda's limit on processes and threads of one execution environment.</summary>
    public const int PidsLimit = 1024;

    private CgroupHierarchy(bool isV2, string root, string groupName)
    {
        IsV2 = isV2;
        Root = root;
        ParentPath = Path.Combine(root, groupName);
        if (isV2)
        {
            HasPids = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains("pids");
        }
        else if (File.Exists(Path.Combine(CgroupRoot, "pids", "cgroup.procs")))
        {
            PidsParentPath = Path.Combine(CgroupRoot, "pids", groupName);
        }
    }

    /// <summary>The v2 cgroup also limits pids.</summary>
    public bool HasPids { get; }

    /// <summary>The v1 pids hierarchy's parent group, or null.</summary>
    public string? PidsParentPath { get; }

    public bool IsV2 { get; }

    public string Root { get; }

    /// <summary>The group under which every environment gets its own cgroup.</summary>
    public string ParentPath { get; }

    /// <summary>Finds a memory controller, or returns null with the reason.</summary>
    public static CgroupHierarchy? Detect(string groupName, out string? problem)
    {
        foreach (var v2 in new[] { CgroupRoot, Path.Combine(CgroupRoot, "unified") })
        {
            if (HasV2Memory(v2))
            {
                problem = null;
                return new CgroupHierarchy(true, v2, groupName);
            }
        }

        var v1 = Path.Combine(CgroupRoot, "memory");
        if (File.Exists(Path.Combine(v1, "memory.limit_in_bytes")))
        {
            problem = null;
            return new CgroupHierarchy(false, v1, groupName);
        }

        problem = $"No memory cgroup controller: neither cgroup v2 ({CgroupRoot}/cgroup.controllers listing 'memory') nor cgroup v1 ({v1}) is mounted.";
        return null;
    }

    /// <summary>Creates the environment's cgroup with its memory limit (swap off where the kernel lets us).</summary>
    public EnvironmentCgroup Create(string environmentId, int memoryMb)
    {
        EnsureParent();
        var path = Path.Combine(ParentPath, environmentId);
        Directory.CreateDirectory(path);
        var limit = ((long)memoryMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        try
        {
            if (IsV2)
            {
                File.WriteAllText(Path.Combine(path, "memory.max"), limit);
                TryWrite(Path.Combine(path, "memory.swap.max"), "0");
            }
            else
            {
                File.WriteAllText(Path.Combine(path, "memory.limit_in_bytes"), limit);
                TryWrite(Path.Combine(path, "memory.memsw.limit_in_bytes"), limit);
            }

            if (HasPids)
            {
                File.WriteAllText(Path.Combine(path, "pids.max"), PidsLimit.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch
        {
            _ = TryRemove(path);
            throw;
        }

        string? pidsPath = null;
        if (PidsParentPath is not null)
        {
            pidsPath = Path.Combine(PidsParentPath, environmentId);
            try
            {
                Directory.CreateDirectory(pidsPath);
                File.WriteAllText(Path.Combine(pidsPath, "pids.max"), PidsLimit.ToString(CultureInfo.InvariantCulture));
            }
            catch
            {
                _ = TryRemove(pidsPath);
                _ = TryRemove(path);
                throw;
            }
        }

        return new EnvironmentCgroup(path, IsV2, pidsPath);
    }

    /// <summary>Cgroups of environments a previous host process left behind (it crashed): their names.</summary>
    public IReadOnlyList<string> ListEnvironments() =>
        Directory.Exists(ParentPath)
            ? [.. Directory.EnumerateDirectories(ParentPath).Select(Path.GetFileName).OfType<string>()]
            : [];

    public EnvironmentCgroup Open(string environmentId) =>
        new(Path.Combine(ParentPath, environmentId), IsV2, PidsParentPath is null ? null : Path.Combine(PidsParentPath, environmentId));

    /// <summary>Removes the (empty) parent groups.</summary>
    public void RemoveParents()
    {
        _ = TryRemove(ParentPath);
        if (PidsParentPath is not null)
        {
            _ = TryRemove(PidsParentPath);
        }
    }

    internal static bool TryRemove(string path)
    {
        try
        {
            Directory.Delete(path);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool HasV2Memory(string root)
    {
        var controllers = Path.Combine(root, "cgroup.controllers");
        return File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains("memory");
    }

    private void EnsureParent()
    {
        Directory.CreateDirectory(ParentPath);
        if (IsV2)
        {
            // v2 only hands a controller to children whose parent enables it in subtree_control.
            TryWrite(Path.Combine(Root, "cgroup.subtree_control"), "+memory");
            File.WriteAllText(Path.Combine(ParentPath, "cgroup.subtree_control"), "+memory");
            if (HasPids)
            {
                TryWrite(Path.Combine(Root, "cgroup.subtree_control"), "+pids");
                File.WriteAllText(Path.Combine(ParentPath, "cgroup.subtree_control"), "+pids");
            }
        }
        else if (PidsParentPath is not null)
        {
            Directory.CreateDirectory(PidsParentPath);
        }
    }
}
