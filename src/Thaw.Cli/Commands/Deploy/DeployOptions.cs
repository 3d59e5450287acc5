namespace Thaw.Cli.Commands.Deploy;

/// <summary>What the user asked <c>thaw deploy</c> for; null means "not given".</summary>
internal sealed record DeployOptions
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    public string? Runtime { get; init; }

    public string? Handler { get; init; }

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public string? Description { get; init; }

    public bool SnapStart { get; init; }

    public int? SnapshotCount { get; init; }

    public string? NetworkIdentity { get; init; }

    /// <summary>Thaw: restored clones kept ready ahead of demand (null: leave as is).</summary>
    public int? RestoreAhead { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
