namespace Thaw.Host;

/// <summary>Settings of one host. Defaults are the documented ones; the CLI and environment variables override.</summary>
public sealed record ServerOptions
{
    /// <summary>Address Kestrel binds to. Loopback unless told otherwise.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Port of the AWS-compatible APIs (0 picks a free one, reported through the started callback of <see cref="ThawServer.RunAsync"/>).</summary>
    public int Port { get; init; } = 9300;

    /// <summary>Where state lives (databases, code, snapshots).</summary>
    public required string StateDirectory { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "000000000000";

    /// <summary>How long an idle environment is kept before it is reclaimed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Account-wide concurrency limit (Lambda's default is 1000).</summary>
    public int AccountConcurrency { get; init; } = 1000;

    /// <summary>How long an unused snapshot is kept (Lambda: 14 days).</summary>
    public TimeSpan SnapshotExpiry { get; init; } = TimeSpan.FromDays(14);

    /// <summary>argv that starts the in-environment agent; default: <c>$THAW_AGENT</c> or the repository's <c>artifacts/agent/thaw-agent</c>.</summary>
    public IReadOnlyList<string>? AgentCommand { get; init; }

    /// <summary>The published dotnet10 runtime (mounted at /var/runtime); default: <c>$THAW_DOTNET10_RUNTIME</c> or <c>artifacts/runtimes/dotnet10</c>.</summary>
    public string? Dotnet10RuntimeDirectory { get; init; }

    /// <summary>CRIU binary; default: <c>$THAW_CRIU</c>, the project's build cache, or PATH.</summary>
    public string? CriuPath { get; init; }

    /// <summary>Default state directory: <c>$THAW_STATE_DIR</c>, else <c>~/.local/state/thaw</c>.</summary>
    public static string DefaultStateDirectory() =>
        Environment.GetEnvironmentVariable("THAW_STATE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "thaw");
}
