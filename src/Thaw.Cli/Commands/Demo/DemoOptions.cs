namespace Thaw.Cli.Commands.Demo;

/// <summary>Knobs of <c>thaw demo</c>; the defaults are the seed's experiment.</summary>
internal sealed record DemoOptions
{
    public const string DefaultFunctionName = "mac-address-probe";
    public const int DefaultSnapshots = 10;
    public const int DefaultRequests = 30;
    public const int DefaultSleepMs = 2000;
    public const int DefaultMemory = 1024;
    public const int DefaultTimeout = 30;

    public string FunctionName { get; init; } = DefaultFunctionName;

    public string? SampleDirectory { get; init; }

    public int Snapshots { get; init; } = DefaultSnapshots;

    public int Requests { get; init; } = DefaultRequests;

    public int SleepMs { get; init; } = DefaultSleepMs;

    public int MemorySize { get; init; } = DefaultMemory;

    public int Timeout { get; init; } = DefaultTimeout;

    public string NetworkIdentity { get; init; } = Api.WireNames.NetworkIdentityPreserve;
}
