using Microsoft.Extensions.Logging;

namespace Thaw.Sandbox;

internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Environment {EnvironmentId} started as host pid {HostPid} in {ElapsedMs:0.0} ms")]
    public static partial void Started(ILogger logger, string environmentId, int hostPid, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Environment {EnvironmentId} dumped to {Directory}: {SizeBytes} bytes, dump {DumpMs:0.0} ms, seal {SealMs:0.0} ms")]
    public static partial void Dumped(ILogger logger, string environmentId, string directory, long sizeBytes, double dumpMs, double sealMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Environment {EnvironmentId} restored from {Directory} as host pid {HostPid}: verify {VerifyMs:0.0} ms, restore {RestoreMs:0.0} ms")]
    public static partial void Restored(ILogger logger, string environmentId, string directory, int hostPid, double verifyMs, double restoreMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Environment {EnvironmentId} agent stderr: {Line}")]
    public static partial void AgentStderr(ILogger logger, string environmentId, string line);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Environment {EnvironmentId} killed")]
    public static partial void Killed(ILogger logger, string environmentId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Environment {EnvironmentId}: cgroup {Path} could not be removed")]
    public static partial void CgroupLeft(ILogger logger, string environmentId, string path);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Snapshot {Directory} failed: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Removed environment {EnvironmentId} left behind by an earlier host process")]
    public static partial void OrphanRemoved(ILogger logger, string environmentId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Could not remove {Path}: {Reason}")]
    public static partial void CleanupFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Host directory {Directory} stays visible (read-only) inside environments: {Reason}")]
    public static partial void HostDirectoryVisible(ILogger logger, string directory, string reason);
}
