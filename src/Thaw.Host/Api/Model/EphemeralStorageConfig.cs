namespace Thaw.Host.Api.Model;

internal sealed record EphemeralStorageConfig(int Size);
