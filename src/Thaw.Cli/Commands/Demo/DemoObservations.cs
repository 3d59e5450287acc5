using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Commands.Demo;

/// <summary>What the demo measured, the input of <see cref="DemoFindings"/>.</summary>
internal sealed record DemoObservations
{
    public required string NetworkIdentity { get; init; }

    /// <summary>INIT_START lines logged while the version was published (null when the logs could not be queried).</summary>
    public int? InitStarts { get; init; }

    public required IReadOnlyList<RequestOutcome> Requests { get; init; }

    /// <summary>The seed's first query (null when it could not run).</summary>
    public long? RestoreReports { get; init; }

    /// <summary>The seed's second query (null when it could not run).</summary>
    public IReadOnlyList<MacCount>? MacCounts { get; init; }

    public IReadOnlyList<SnapshotRecord>? Snapshots { get; init; }

    /// <summary>The environments of the published version.</summary>
    public IReadOnlyList<EnvironmentRecord>? Environments { get; init; }
}
