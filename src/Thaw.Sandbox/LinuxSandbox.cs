using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Thaw.Agent.Protocol;
using Thaw.Sandbox.Linux;
using Thaw.Sandbox.Snapshots;

namespace Thaw.Sandbox;

/// <summary>
/// Execution environments made of Linux namespaces (pid, net, mount, uts, ipc), a memory cgroup, a private tmpfs
/// <c>/tmp</c> and a veth pair, with an agent as pid 1; snapshots and clones through CRIU. Needs root.
/// The recipe and its reasons: LINUX-SANDBOX.md next to this file.
/// </summary>
public sealed class LinuxSandbox : ISandbox, IAsyncDisposable
{
    /// <summary>The cgroup (under the memory hierarchy) that holds one cgroup per environment.</summary>
    public const string DefaultCgroupName = "thaw";

    /// <summary>uid and gid of Lambda's <c>sbx_user1051</c>.</summary>
    public const string LambdaUser = "993:990";

    internal const string TaskMount = "/var/task";
    internal const string RuntimeMount = "/var/runtime";
    internal const string ExternalTask = "thaw-task";
    internal const string ExternalRuntime = "thaw-runtime";
    internal const string DiagnosticsVariable = "DOTNET_EnableDiagnostics";
    internal const string Bash = "/bin/bash";
    internal const string Unshare = "/usr/bin/unshare";
    internal const string Nsenter = "/usr/bin/nsenter";
    internal const int LogTailLines = 25;

    private readonly IReadOnlyList<string> _agentCommand;
    private readonly string? _criuPath;
    private readonly string _stateDirectory;
    private readonly string _scratchDirectory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _cgroupName;
    private readonly string? _functionUser;
    private readonly Lazy<SandboxCapabilities> _capabilities;
    private readonly Lazy<CgroupHierarchy> _cgroups;
    private readonly ConcurrentDictionary<LinuxExecutionEnvironment, byte> _live = new();
    private readonly IReadOnlyList<string> _hidden;

    /// <param name="agentCommand">argv prefix of the agent, e.g. <c>["/opt/thaw/thaw-agent"]</c>; the sandbox appends <c>--</c> and the runtime's command.</param>
    /// <param name="criuPath">The CRIU binary, or null to use scripts/build-criu.sh's cache, then PATH.</param>
    /// <param name="stateDirectory">Thaw's state directory: covered by an empty tmpfs inside every environment.</param>
    /// <param name="scratchDirectory">Where per-environment runtime files (CRIU logs, pid files) live; also hidden from environments.</param>
    /// <param name="logger">Diagnostics; the agent's stderr lines are logged at Debug.</param>
    /// <param name="timeProvider">Clock for timestamps and timeouts.</param>
    /// <param name="cgroupName">Name of the parent cgroup of all environments (tests use their own).</param>
    /// <param name="functionUser">
    /// null (the default): the agent and the function run as uid 0 but without any capability and with no_new_privs,
    /// so they cannot undo the mounts that hide the state directory. <c>"993:990"</c> (<see cref="LambdaUser"/>) runs
    /// them as Lambda's <c>sbx_user1051</c>; CRIU can then dump them only where the host's root has
    /// CAP_SYS_RESOURCE (it reads the task's rlimits with prlimit), which this kind of machine does not grant.
    /// </param>
    public LinuxSandbox(IReadOnlyList<string> agentCommand, string? criuPath, string stateDirectory, string scratchDirectory, ILogger logger, TimeProvider timeProvider, string cgroupName = DefaultCgroupName, string? functionUser = null)
    {
        ArgumentNullException.ThrowIfNull(agentCommand);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentException.ThrowIfNullOrEmpty(scratchDirectory);
        ArgumentException.ThrowIfNullOrEmpty(cgroupName);
        if (agentCommand.Count == 0)
        {
            throw new ArgumentException("The agent command needs at least the agent's path.", nameof(agentCommand));
        }

        _agentCommand = [.. agentCommand];
        _criuPath = criuPath;
        _stateDirectory = Path.GetFullPath(stateDirectory);
        _scratchDirectory = Path.GetFullPath(scratchDirectory);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _cgroupName = cgroupName;
        if (functionUser is not null && !System.Text.RegularExpressions.Regex.IsMatch(functionUser, "^[0-9]+:[0-9]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentException("The function user is uid:gid, e.g. 993:990.", nameof(functionUser));
        }

        _functionUser = functionUser;
        _hidden = [_stateDirectory, _scratchDirectory, .. HiddenHostDirectories(_agentCommand, out var visible)];
        foreach (var (directory, reason) in visible)
        {
            SandboxLog.HostDirectoryVisible(_logger, directory, reason);
        }

        _capabilities = new Lazy<SandboxCapabilities>(() => SandboxProbe.Probe(_criuPath));
        _cgroups = new Lazy<CgroupHierarchy>(() => CgroupHierarchy.Detect(_cgroupName, out var problem) ?? throw new InvalidOperationException(problem));
    }

    /// <summary>
    /// Host directories where people and services keep private files: home directories (credentials, keys, checkouts),
    /// service data, logs, mail, backups, sshd's host keys. The function runs as uid 0 without capabilities, and uid 0
    /// still owns every root-owned file, so each of these is covered by an empty read-only tmpfs inside every environment
    /// (as the state directory is). The root file system stays visible read-only: the runtime needs /usr, /etc, /lib.
    /// </summary>
    public static IReadOnlyList<string> HostPrivateDirectories { get; } =
        ["/root", "/home", "/srv", "/mnt", "/media", "/var/log", "/var/mail", "/var/spool", "/var/backups", "/var/tmp", "/etc/ssh"];

    public SandboxCapabilities Capabilities => _capabilities.Value;

    /// <summary>
    /// The <see cref="HostPrivateDirectories"/> to cover: those that exist, do not hold the agent (it is exec'd from
    /// there; the host copies its agent out of them, see the host's ArtifactLocator) and have no mount below them (a
    /// covered mount would make the mount namespace one CRIU cannot dump). The others are returned with the reason.
    /// </summary>
    internal static IReadOnlyList<string> HiddenHostDirectories(IReadOnlyList<string> agentCommand, out List<(string Directory, string Reason)> visible)
    {
        var mountPoints = File.Exists("/proc/self/mountinfo")
            ? File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Where(f => f.Length > 4).Select(f => Unescape(f[4])).ToList()
            : [];
        var agentPaths = agentCommand.Where(Path.IsPathFullyQualified).Select(Path.GetFullPath).ToList();
        var hidden = new List<string>();
        visible = [];
        foreach (var directory in HostPrivateDirectories)
        {
            var prefix = directory + "/";
            if (!Directory.Exists(directory))
            {
                continue;
            }

            if (agentPaths.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal)) is { } agent)
            {
                visible.Add((directory, $"it holds the agent ({agent})"));
            }
            else if (mountPoints.FirstOrDefault(m => m == directory || m.StartsWith(prefix, StringComparison.Ordinal)) is { } mount)
            {
                visible.Add((directory, $"{mount} is a mount point"));
            }
            else
            {
                hidden.Add(directory);
            }
        }

        return hidden;

        // mountinfo escapes space, tab, newline and backslash as octal.
        static string Unescape(string field) => System.Text.RegularExpressions.Regex.Replace(
            field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString(), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary>The agent's first frame is consumed here: the returned environment's next frame is whatever follows <c>Started</c>.</summary>
    public async Task<IExecutionEnvironment> StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var started = _timeProvider.GetTimestamp();
        var cgroup = _cgroups.Value.Create(spec.EnvironmentId, spec.MemoryMb);
        var scratch = CreateScratch(spec.EnvironmentId);
        Directory.CreateDirectory(TaskMount);
        Directory.CreateDirectory(RuntimeMount);

        List<string> args =
        [
            "-c", EnvironmentScripts.JoinCgroupAndExec, "thaw-launch", .. cgroup.ProcsFiles, "--",
            Unshare, "--pid", "--net", "--mount", "--uts", "--ipc", "--fork", "--",
            Bash, "-c", EnvironmentScripts.SetUpEnvironment, "thaw-env",
            $"thaw-{spec.EnvironmentId[..12]}",
            spec.EphemeralStorageMb.ToString(CultureInfo.InvariantCulture),
            Path.GetFullPath(spec.CodeDirectory),
            spec.RuntimeDirectory is null ? "" : Path.GetFullPath(spec.RuntimeDirectory),
            MacAddresses.NewLocal(),
            MacAddresses.NewLocal(),
            _functionUser ?? "",
            .. _hidden,
            "--",
        ];
        args.AddRange(spec.Variables.Select(kv => $"{kv.Key}={kv.Value}"));
        if (!spec.Variables.ContainsKey(DiagnosticsVariable))
        {
            // The runtime's diagnostics socket in /tmp has the pid in its name: identical in every clone.
            args.Add($"{DiagnosticsVariable}=0");
        }

        args.Add("--");
        args.AddRange(_agentCommand);
        args.Add("--");
        args.AddRange(spec.Command);

        LinuxExecutionEnvironment? env = null;
        try
        {
            var launcher = Process.Start(ProcessRunner.StartInfo(Bash, args)) ?? throw new InvalidOperationException("Could not start unshare.");
            env = new LinuxExecutionEnvironment(spec.EnvironmentId, launcher, cgroup, scratch, Path.GetFullPath(spec.CodeDirectory), spec.RuntimeDirectory is null ? null : Path.GetFullPath(spec.RuntimeDirectory), _logger, _timeProvider, Forget);
            _live[env] = 0;
            var first = await env.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (first is null || first.Kind != FrameKind.Started)
            {
                await launcher.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1), _timeProvider, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The agent of environment {spec.EnvironmentId} did not start: {(first is null ? "its output ended" : $"first frame was {first.Kind}")}.\n{env.StderrTail}".TrimEnd());
            }

            var agentPid = FindChild(launcher.Id) ?? throw new InvalidOperationException($"The agent of environment {spec.EnvironmentId} exited right after starting.\n{env.StderrTail}".TrimEnd());
            var handle = ProcessHandle.Open(agentPid) ?? throw new InvalidOperationException($"The agent of environment {spec.EnvironmentId} exited right after starting.\n{env.StderrTail}".TrimEnd());
            env.AttachAgent(handle);
            var startMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            SandboxLog.Started(_logger, spec.EnvironmentId, agentPid, startMs);

            return env;
        }
        catch
        {
            if (env is not null)
            {
                await env.KillAsync().ConfigureAwait(false);
            }
            else
            {
                await DiscardAsync(cgroup, scratch).ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<SnapshotImage> SnapshotAsync(IExecutionEnvironment environment, string directory, CancellationToken cancellationToken)
    {
        if (environment is not LinuxExecutionEnvironment env)
        {
            throw new ArgumentException("Only environments of this sandbox can be snapshotted.", nameof(environment));
        }

        ArgumentException.ThrowIfNullOrEmpty(directory);
        var criu = RequireCriu();
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"The snapshot directory {target} already exists.");
        }

        if (env.IsKilled || env.Exited.IsCompleted)
        {
            throw new InvalidOperationException($"Environment {env.EnvironmentId} is not running.");
        }

        var pid = env.HostPid;
        string? temp = null;
        try
        {
            var pipes = new SnapshotPipes(PipeInode(pid, 0), PipeInode(pid, 1), PipeInode(pid, 2));
            env.RefreshInterfaces();
            var interfaces = env.Interfaces;
            temp = SnapshotStore.CreateTempSibling(target);
            var log = Path.Combine(env.ScratchDirectory, "dump.log");
            var args = new List<string>
            {
                "dump", "-t", pid.ToString(CultureInfo.InvariantCulture), "-D", temp,
                "--tcp-established", "--network-lock", "skip",
                "--external", $"mnt[{TaskMount}]:{ExternalTask}",
                "-o", log,
            };
            if (env.RuntimeDirectory is not null)
            {
                args.AddRange(["--external", $"mnt[{RuntimeMount}]:{ExternalRuntime}"]);
            }

            var dumpStart = _timeProvider.GetTimestamp();
            var result = await ProcessRunner.RunAsync(criu, args, null, cancellationToken).ConfigureAwait(false);
            var dumpMs = _timeProvider.GetElapsedTime(dumpStart).TotalMilliseconds;
            if (!result.Succeeded)
            {
                throw new CriuFailedException($"criu dump of environment {env.EnvironmentId} failed (exit {result.ExitCode}).", LogTail(log, result));
            }

            var createdAt = _timeProvider.GetUtcNow();
            var sealStart = _timeProvider.GetTimestamp();
            var manifest = await SnapshotStore.SealAsync(temp, files => new SnapshotManifest
            {
                Format = SnapshotManifest.CurrentFormat,
                EnvironmentId = env.EnvironmentId,
                CreatedAt = createdAt,
                CriuVersion = Capabilities.CriuVersion ?? "unknown",
                CodeDirectory = env.CodeDirectory,
                RuntimeDirectory = env.RuntimeDirectory,
                Pipes = pipes,
                Interfaces = interfaces,
                Files = files,
            }, cancellationToken).ConfigureAwait(false);
            Directory.Move(temp, target);
            temp = null;
            var image = ToImage(target, manifest);
            var sealMs = _timeProvider.GetElapsedTime(sealStart).TotalMilliseconds;
            SandboxLog.Dumped(_logger, env.EnvironmentId, target, image.SizeBytes, dumpMs, sealMs);

            return image;
        }
        catch (Exception e)
        {
            SandboxLog.SnapshotFailed(_logger, target, e.Message);
            throw;
        }
        finally
        {
            if (temp is not null)
            {
                TryDeleteDirectory(temp);
            }

            // CRIU kills a dumped tree; a failed dump leaves an environment in an unknown state. Either way it is gone.
            await env.KillAsync().ConfigureAwait(false);
        }
    }

    public async Task<IExecutionEnvironment> RestoreAsync(string directory, RestoreSpec spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(spec);
        ValidateId(spec.EnvironmentId);
        var criu = RequireCriu();
        var source = Path.GetFullPath(directory);
        var verifyStart = _timeProvider.GetTimestamp();
        var manifest = SnapshotStore.ReadManifest(source);
        await SnapshotStore.VerifyAsync(source, manifest, cancellationToken).ConfigureAwait(false);
        var verifyMs = _timeProvider.GetElapsedTime(verifyStart).TotalMilliseconds;
        if (!Directory.Exists(manifest.CodeDirectory))
        {
            throw new DirectoryNotFoundException($"The code directory {manifest.CodeDirectory} of snapshot {source} no longer exists.");
        }

        if (manifest.RuntimeDirectory is not null && !Directory.Exists(manifest.RuntimeDirectory))
        {
            throw new DirectoryNotFoundException($"The runtime directory {manifest.RuntimeDirectory} of snapshot {source} no longer exists.");
        }

        var restoreStart = _timeProvider.GetTimestamp();
        var cgroup = _cgroups.Value.Create(spec.EnvironmentId, spec.MemoryMb);
        var scratch = CreateScratch(spec.EnvironmentId);
        var pidFile = Path.Combine(scratch, "restore.pid");
        var log = Path.Combine(scratch, "restore.log");
        List<string> args =
        [
            "-c", EnvironmentScripts.JoinCgroupAndExec, "thaw-restore", .. cgroup.ProcsFiles, "--",
            // -W: CRIU writes stats-restore into its work directory; the default (-D) would modify the snapshot.
            criu, "restore", "-D", source, "-W", scratch, "--root", "/", "--restore-detached", "--tcp-established",
            "--manage-cgroups=ignore", "--pidfile", pidFile, "-o", log,
            "--external", $"mnt[{ExternalTask}]:{manifest.CodeDirectory}",
        ];
        if (manifest.RuntimeDirectory is not null)
        {
            args.AddRange(["--external", $"mnt[{ExternalRuntime}]:{manifest.RuntimeDirectory}"]);
        }

        // The new pipes are criu's own 0/1/2 (made by Process); CRIU puts them where the dumped pipes were.
        var seen = new HashSet<long>();
        foreach (var (fd, inode) in new[] { (0, manifest.Pipes.Stdin), (1, manifest.Pipes.Stdout), (2, manifest.Pipes.Stderr) })
        {
            if (seen.Add(inode))
            {
                args.AddRange(["--inherit-fd", $"fd[{fd}]:pipe:[{inode}]"]);
            }
        }

        if (spec.RegenerateNetworkIdentity)
        {
            args.Add("--leave-stopped");
        }

        LinuxExecutionEnvironment? env = null;
        try
        {
            var launcher = Process.Start(ProcessRunner.StartInfo(Bash, args)) ?? throw new InvalidOperationException("Could not start criu.");
            env = new LinuxExecutionEnvironment(spec.EnvironmentId, launcher, cgroup, scratch, manifest.CodeDirectory, manifest.RuntimeDirectory, _logger, _timeProvider, Forget);
            _live[env] = 0;
            await launcher.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (launcher.ExitCode != 0)
            {
                throw new CriuFailedException($"criu restore of {source} failed (exit {launcher.ExitCode}).", LogTail(log, null));
            }

            var pid = int.Parse((await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            var handle = ProcessHandle.Open(pid) ?? throw new InvalidOperationException($"The clone restored from {source} exited at once.");
            env.AttachAgent(handle);
            if (spec.RegenerateNetworkIdentity)
            {
                await RegenerateAsync(pid, cgroup, cancellationToken).ConfigureAwait(false);
                env.RefreshInterfaces();
            }

            cgroup.ResetPeak();
            var restoreMs = _timeProvider.GetElapsedTime(restoreStart).TotalMilliseconds;
            SandboxLog.Restored(_logger, spec.EnvironmentId, source, pid, verifyMs, restoreMs);

            return env;
        }
        catch
        {
            if (env is not null)
            {
                await env.KillAsync().ConfigureAwait(false);
            }
            else
            {
                await DiscardAsync(cgroup, scratch).ConfigureAwait(false);
            }

            throw;
        }
    }

    public SnapshotImage ReadSnapshot(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        return ToImage(full, SnapshotStore.ReadManifest(full));
    }

    /// <summary>Checks every file of a snapshot against its manifest without restoring it.</summary>
    /// <exception cref="SnapshotCorruptException">A file is missing, extra, or differs.</exception>
    public static async Task<SnapshotImage> VerifySnapshotAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        var manifest = SnapshotStore.ReadManifest(full);
        await SnapshotStore.VerifyAsync(full, manifest, cancellationToken).ConfigureAwait(false);
        return ToImage(full, manifest);
    }

    /// <summary>
    /// Kills and removes environments that a previous host process left behind (it crashed or was killed):
    /// every cgroup under this sandbox's parent cgroup, and the scratch directory's contents. Call once at start-up,
    /// before any environment of this sandbox exists.
    /// </summary>
    public async Task<int> CleanUpOrphansAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        if (CgroupHierarchy.Detect(_cgroupName, out _) is { } hierarchy)
        {
            foreach (var id in hierarchy.ListEnvironments())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cgroup = hierarchy.Open(id);
                cgroup.KillAll();
                if (await cgroup.RemoveAsync(_timeProvider, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
                {
                    removed++;
                    SandboxLog.OrphanRemoved(_logger, id);
                }
                else
                {
                    SandboxLog.CgroupLeft(_logger, id, cgroup.Path);
                }
            }
        }

        if (Directory.Exists(_scratchDirectory))
        {
            foreach (var d in Directory.EnumerateDirectories(_scratchDirectory))
            {
                TryDeleteDirectory(d);
            }
        }

        return removed;
    }

    /// <summary>
    /// Kills every environment of this sandbox that is still running and removes the (then empty) parent cgroup:
    /// stopping the host leaves nothing behind. The DI container calls this when the host stops.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Keys.Select(e => e.KillAsync().AsTask())).ConfigureAwait(false);
        CgroupHierarchy.Detect(_cgroupName, out _)?.RemoveParents();
    }

    private static SnapshotImage ToImage(string directory, SnapshotManifest manifest) =>
        new(directory, manifest.Files.Sum(f => f.Size), manifest.Interfaces, manifest.CreatedAt);

    private static void Validate(EnvironmentSpec spec)
    {
        ValidateId(spec.EnvironmentId);
        if (!Directory.Exists(spec.CodeDirectory))
        {
            throw new DirectoryNotFoundException($"The code directory {spec.CodeDirectory} does not exist.");
        }

        if (spec.RuntimeDirectory is not null && !Directory.Exists(spec.RuntimeDirectory))
        {
            throw new DirectoryNotFoundException($"The runtime directory {spec.RuntimeDirectory} does not exist.");
        }

        if (spec.Command.Count == 0)
        {
            throw new ArgumentException("The runtime command is empty.", nameof(spec));
        }

        if (spec.MemoryMb < 16 || spec.EphemeralStorageMb < 1)
        {
            throw new ArgumentException("MemoryMb must be at least 16 and EphemeralStorageMb at least 1.", nameof(spec));
        }

        foreach (var (key, value) in spec.Variables)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Invalid environment variable '{key}'.", nameof(spec));
            }
        }
    }

    private static void ValidateId(string id)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Environment ids are 32 lower-case hex digits, not '{id}'.", nameof(id));
        }
    }

    private static int? FindChild(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long PipeInode(int pid, int fd)
    {
        var target = new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget;
        if (target is null || !target.StartsWith("pipe:[", StringComparison.Ordinal) || !target.EndsWith(']'))
        {
            throw new InvalidOperationException($"Descriptor {fd} of the agent (pid {pid}) is '{target}', not a pipe; it cannot be handed to clones.");
        }

        return long.Parse(target.AsSpan(6, target.Length - 7), CultureInfo.InvariantCulture);
    }

    private static string LogTail(string log, ProcessResult? result)
    {
        var sb = new StringBuilder();
        try
        {
            var lines = File.ReadAllLines(log);
            var errors = lines.Where(l => l.Contains("Error", StringComparison.Ordinal) && !l.Contains("tables", StringComparison.Ordinal) && !l.Contains("RLIMIT_NOFILE", StringComparison.Ordinal)).TakeLast(8);
            sb.AppendJoin('\n', errors.Concat(lines.TakeLast(LogTailLines)).Distinct());
        }
        catch (IOException)
        {
            sb.Append("(no CRIU log)");
        }

        if (result is not null && result.Output.Length > 0)
        {
            sb.Append('\n').Append(result.Output);
        }

        return sb.ToString();
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task RegenerateAsync(int pid, EnvironmentCgroup cgroup, CancellationToken cancellationToken)
    {
        var batch = $"link set dev {NetworkInterfaces.Internal} address {MacAddresses.NewLocal()}\nlink set dev {NetworkInterfaces.Telemetry} address {MacAddresses.NewLocal()}\n";
        var r = await ProcessRunner.RunAsync(Nsenter, ["-t", pid.ToString(CultureInfo.InvariantCulture), "-n", "ip", "-batch", "-"], batch, cancellationToken).ConfigureAwait(false);
        if (!r.Succeeded)
        {
            throw new InvalidOperationException($"Setting new MAC addresses in clone {pid} failed: {r.Output}");
        }

        // --leave-stopped stops every task of the tree, not only pid 1.
        foreach (var p in cgroup.ReadPids())
        {
            _ = Native.Kill(p, Native.SigCont);
        }
    }

    private void Forget(LinuxExecutionEnvironment environment) => _live.TryRemove(environment, out _);

    private string RequireCriu()
    {
        var caps = Capabilities;
        if (!caps.CanSnapshot || caps.CriuPath is null)
        {
            throw new InvalidOperationException($"Snapshots are unavailable: {caps.SnapshotProblem}");
        }

        return caps.CriuPath;
    }

    private string CreateScratch(string environmentId)
    {
        Directory.CreateDirectory(_scratchDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(_scratchDirectory, environmentId);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private async Task DiscardAsync(EnvironmentCgroup cgroup, string scratch)
    {
        _ = await cgroup.RemoveAsync(_timeProvider, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        TryDeleteDirectory(scratch);
    }
}
