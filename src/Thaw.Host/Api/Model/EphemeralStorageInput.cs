namespace Thaw.Host.Api.Model;

internal sealed record EphemeralStorageInput
{
    public int? Size { get; init; }
}
