namespace Thaw.Host.Environments;

/// <summary>How an Init ended. On failure <see cref="Environment"/> is already killed.</summary>
internal sealed record InitOutcome(ManagedEnvironment Environment, double DurationMs, string? ErrorType, byte[]? ErrorBody)
{
    public bool Succeeded => ErrorType is null;
}
