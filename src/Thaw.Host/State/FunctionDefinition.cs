namespace Thaw.Host.State;

/// <summary>The configuration of a function's <c>$LATEST</c>, or the frozen configuration of a published version.</summary>
internal sealed record FunctionDefinition
{
    public required string Name { get; init; }

    public required string Runtime { get; init; }

    public required string Role { get; init; }

    public required string Handler { get; init; }

    public string Description { get; init; } = "";

    public int Timeout { get; init; } = 3;

    public int MemorySize { get; init; } = 128;

    public int EphemeralStorage { get; init; } = 512;

    public Dictionary<string, string> Variables { get; init; } = [];

    /// <summary><c>None</c> or <c>PublishedVersions</c>.</summary>
    public string SnapStartApplyOn { get; init; } = "None";

    /// <summary>Base64 sha256 of the deployment package, as AWS reports <c>CodeSha256</c>.</summary>
    public required string CodeSha256 { get; init; }

    public long CodeSize { get; init; }

    /// <summary>Hex sha256: the key of the unpacked package in the code store.</summary>
    public required string CodeKey { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required string RevisionId { get; init; }

    /// <summary>Thaw extension: how many independent Inits (and so snapshots) a published version gets.</summary>
    public int SnapshotCount { get; init; } = 1;

    /// <summary>Thaw extension: <c>preserve</c> (Lambda's behaviour) or <c>regenerate</c> MACs on restore.</summary>
    public string NetworkIdentity { get; init; } = "preserve";

    public string Architecture { get; init; } = "x86_64";

    /// <summary>Thaw extension: how many restored environments of a SnapStart version to keep ready ahead of demand (0: none, as Lambda).</summary>
    public int RestoreAhead { get; init; }
}
