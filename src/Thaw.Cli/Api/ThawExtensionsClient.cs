using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Api;

/// <summary>The host's own endpoints under <c>/thaw/v1</c>: what Lambda does not show (environments, snapshot lineage).</summary>
internal sealed class ThawExtensionsClient(HostConnection connection)
{
    public async Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(CancellationToken cancellationToken) =>
        (await connection.GetJsonAsync(WireNames.ThawEnvironmentsPath, LambdaJsonContext.Default.EnvironmentsResponse, cancellationToken)).Environments ?? [];

    public async Task<IReadOnlyList<SnapshotRecord>> ListSnapshotsAsync(string name, string? qualifier, CancellationToken cancellationToken)
    {
        var path = WireNames.ThawFunctionsPath + Uri.EscapeDataString(name) + WireNames.ThawSnapshotsSuffix;
        if (!string.IsNullOrEmpty(qualifier))
        {
            path += $"?{WireNames.QueryQualifier}={Uri.EscapeDataString(qualifier)}";
        }

        return (await connection.GetJsonAsync(path, LambdaJsonContext.Default.SnapshotsResponse, cancellationToken)).Snapshots ?? [];
    }
}
