namespace Thaw.Host.Api.Model;

internal sealed record SnapStartInput
{
    public string? ApplyOn { get; init; }
}
