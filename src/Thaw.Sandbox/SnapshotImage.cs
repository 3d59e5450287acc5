namespace Thaw.Sandbox;

/// <summary>A complete, verified-at-write CRIU image set of one environment, with its manifest.</summary>
/// <param name="Directory">Where the images and <c>manifest.json</c> live.</param>
/// <param name="SizeBytes">Total size of the image files.</param>
/// <param name="Interfaces">The environment's interfaces and MACs at dump time.</param>
/// <param name="CreatedAt">When the dump finished.</param>
public sealed record SnapshotImage(string Directory, long SizeBytes, IReadOnlyList<NetworkInterfaceInfo> Interfaces, DateTimeOffset CreatedAt);
