namespace Thaw.Host.Api.Model;

internal sealed record ConcurrencyResponse
{
    public int? ReservedConcurrentExecutions { get; init; }
}
