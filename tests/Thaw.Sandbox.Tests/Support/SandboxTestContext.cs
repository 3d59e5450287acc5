using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Thaw.Sandbox.Linux;

namespace Thaw.Sandbox.Tests.Support;

/// <summary>
/// A sandbox with its own state, scratch, code and snapshot directories and its own parent cgroup; on dispose every
/// environment it made is killed and all of it is removed, also when the test failed.
/// </summary>
internal sealed class SandboxTestContext : IAsyncDisposable
{
    private readonly List<IExecutionEnvironment> _environments = [];
    private readonly Lock _lock = new();

    public SandboxTestContext()
    {
        if (!Native.IsRoot())
        {
            Assert.Skip("Execution environments need root (namespaces, cgroups, CRIU); CI runs these tests as root.");
        }

        // Not under /tmp: the environment's own /tmp would hide it anyway, and the test is that the sandbox hides it.
        Root = Path.Combine("/var/tmp", "thaw-sandbox-tests", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        StateDirectory = Directory.CreateDirectory(Path.Combine(Root, "state")).FullName;
        ScratchDirectory = Path.Combine(Root, "scratch");
        CodeDirectory = Directory.CreateDirectory(Path.Combine(StateDirectory, "code", "abc")).FullName;
        File.WriteAllText(Path.Combine(CodeDirectory, "handler.txt"), "code");
        File.WriteAllText(Path.Combine(StateDirectory, "secret.txt"), "state");
        SnapshotsDirectory = Path.Combine(StateDirectory, "snapshots");
        CgroupName = "thaw-test-" + Path.GetFileName(Root);
        Sandbox = new LinuxSandbox(["/usr/bin/python3", AgentScript], null, StateDirectory, ScratchDirectory, NullLogger.Instance, TimeProvider.System, CgroupName);
    }

    public static string AgentScript => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fixture_agent.py");

    public string Root { get; }

    public string StateDirectory { get; }

    public string ScratchDirectory { get; }

    public string CodeDirectory { get; }

    public string SnapshotsDirectory { get; }

    public string CgroupName { get; }

    public LinuxSandbox Sandbox { get; }

    public string CgroupParent => CgroupHierarchy.Detect(CgroupName, out _)!.ParentPath;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public EnvironmentSpec Spec(bool snapshotMode = false, int memoryMb = 128) => new()
    {
        EnvironmentId = NewId(),
        CodeDirectory = CodeDirectory,
        Command = ["/var/task/bootstrap"],
        Variables = snapshotMode ? new Dictionary<string, string> { ["THAW_FIXTURE_SNAPSHOT"] = "1", ["AWS_REGION"] = "us-east-1" } : new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1" },
        MemoryMb = memoryMb,
        EphemeralStorageMb = 16,
    };

    public async Task<IExecutionEnvironment> StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken) =>
        Track(await Sandbox.StartAsync(spec, cancellationToken));

    public async Task<IExecutionEnvironment> RestoreAsync(string directory, RestoreSpec spec, CancellationToken cancellationToken) =>
        Track(await Sandbox.RestoreAsync(directory, spec, cancellationToken));

    public string SnapshotPath() => Path.Combine(SnapshotsDirectory, "fn", "1", NewId());

    public IExecutionEnvironment Track(IExecutionEnvironment env)
    {
        lock (_lock)
        {
            _environments.Add(env);
        }

        return env;
    }

    public async ValueTask DisposeAsync()
    {
        IExecutionEnvironment[] all;
        lock (_lock)
        {
            all = [.. _environments];
        }

        await Task.WhenAll(all.Select(e => e.KillAsync().AsTask()));
        _ = await Sandbox.CleanUpOrphansAsync(CancellationToken.None);
        await Sandbox.DisposeAsync();

        Directory.Delete(Root, recursive: true);
    }
}
