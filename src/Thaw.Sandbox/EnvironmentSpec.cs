namespace Thaw.Sandbox;

/// <summary>What a new execution environment runs and within which limits.</summary>
public sealed record EnvironmentSpec
{
    /// <summary>32 lower-case hex digits; also the tail of the environment's log stream name.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>Host directory mounted read-only at <c>/var/task</c>.</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>Host directory mounted read-only at <c>/var/runtime</c>, or null (custom runtimes).</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>argv of the runtime (bootstrap) inside the environment, started by the agent.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The runtime's complete environment (Lambda's reserved variables already merged in).</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>Memory limit of the environment's cgroup, in MB.</summary>
    public int MemoryMb { get; init; } = 128;

    /// <summary>Size of the private <c>/tmp</c>, in MB.</summary>
    public int EphemeralStorageMb { get; init; } = 512;
}
