namespace Thaw.Host.Extensions.Model;

internal sealed record EnvironmentList(IReadOnlyList<EnvironmentInfo> Environments);
