using Thaw.Agent.Protocol;

namespace Thaw.Sandbox;

/// <summary>A running execution environment: an agent as pid 1 of its own namespaces, reached over pipes.</summary>
public interface IExecutionEnvironment : IAsyncDisposable
{
    /// <summary>32 hex digits.</summary>
    string EnvironmentId { get; }

    /// <summary>The agent's pid as seen from the host.</summary>
    int HostPid { get; }

    /// <summary>Interfaces and their live MACs (read when the environment started or was restored).</summary>
    IReadOnlyList<NetworkInterfaceInfo> Interfaces { get; }

    /// <summary>Sends one frame to the agent. Callers serialise their sends.</summary>
    ValueTask SendAsync(FrameKind kind, IReadOnlyDictionary<string, object?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Receives the next frame from the agent; null once the agent's output has ended (the environment is gone).</summary>
    ValueTask<Frame?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Peak memory of the environment's cgroup in bytes, when known.</summary>
    long? MemoryPeakBytes { get; }

    /// <summary>Completes when the agent process has exited.</summary>
    Task Exited { get; }

    /// <summary>Kills every process of the environment and removes its cgroup and mounts. Idempotent.</summary>
    ValueTask KillAsync();
}
