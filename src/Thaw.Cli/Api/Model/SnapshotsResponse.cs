namespace Thaw.Cli.Api.Model;

/// <summary>Body of <c>GET /thaw/v1/functions/{name}/snapshots</c>.</summary>
internal sealed record SnapshotsResponse
{
    public List<SnapshotRecord>? Snapshots { get; init; }
}
