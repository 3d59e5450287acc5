using System.Globalization;
using System.Net.NetworkInformation;
using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<SnapStartProbe.ProbeJsonContext>))]

namespace SnapStartProbe;

/// <summary>
/// Registers three before-snapshot and three after-restore hooks (printing <c>HOOK before 1</c> …) and fails or hangs
/// them when told by environment variables: <c>PROBE_THROW_IN_CONSTRUCTOR</c>, <c>PROBE_FAIL_BEFORE_SNAPSHOT</c>,
/// <c>PROBE_FAIL_AFTER_RESTORE</c>, <c>PROBE_HANG_AFTER_RESTORE</c> (each <c>true</c>; the failing or hanging hook is
/// number 2). The handler reports per-environment state and can sleep, crash, throw or allocate on request.
/// </summary>
public sealed class Probe
{
    public const string TmpFilePath = "/tmp/snapstart-probe.txt";
    public const int HookCount = 3;
    public const int FailingHook = 2;

    private static readonly List<string> HookEvents = [];
    private static readonly List<byte[]> Held = [];

    private readonly Random _random = new();
    private readonly string _initId = Guid.NewGuid().ToString();
    private int _invocations;

    public Probe()
    {
        Console.WriteLine($"INIT pid {Environment.ProcessId} initId {_initId}");
        if (Flag("PROBE_THROW_IN_CONSTRUCTOR"))
        {
            throw new InvalidOperationException("Constructor failure requested by PROBE_THROW_IN_CONSTRUCTOR");
        }

        File.WriteAllText(TmpFilePath, $"written during Init by pid {Environment.ProcessId}, initId {_initId}");
        for (var i = 1; i <= HookCount; i++)
        {
            var n = i;
            SnapshotRestore.RegisterBeforeSnapshot(() => BeforeSnapshot(n));
            SnapshotRestore.RegisterAfterRestore(() => AfterRestore(n));
        }
    }

    public async Task<ProbeResponse> Handle(ProbeRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        request ??= new ProbeRequest();
        var remaining = (long)context.RemainingTime.TotalMilliseconds;
        var invocations = Interlocked.Increment(ref _invocations);
        Console.WriteLine($"INVOKE {invocations} pid {Environment.ProcessId}");

        if (request.AllocateMb > 0)
        {
            for (var i = 0; i < request.AllocateMb; i++)
            {
                var block = new byte[1024 * 1024];
                // Touch every page so the memory is really resident, not just reserved.
                for (var offset = 0; offset < block.Length; offset += 4096)
                {
                    block[offset] = 1;
                }

                lock (Held)
                {
                    Held.Add(block);
                }
            }
        }

        if (request.SleepMs > 0)
        {
            await Task.Delay(request.SleepMs);
        }

        switch (request.Crash)
        {
            case "failfast":
                Environment.FailFast("Crash requested by the payload");
                break;
            case "exit":
                Environment.Exit(request.ExitCode);
                break;
        }

        if (request.Throw is { } message)
        {
            throw new InvalidOperationException(message);
        }

        lock (HookEvents)
        {
            lock (Held)
            {
                return new ProbeResponse
                {
                    Random = _random.Next(),
                    ProcessId = Environment.ProcessId,
                    InitId = _initId,
                    Tmp = File.Exists(TmpFilePath) ? File.ReadAllText(TmpFilePath) : null,
                    Macs = NetworkInterface.GetAllNetworkInterfaces()
                        .Select(nic => nic.Name + ":" + (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback
                            ? string.Empty
                            : string.Join('-', nic.GetPhysicalAddress().GetAddressBytes().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)))))
                        .ToList(),
                    Hooks = [.. HookEvents],
                    Invocations = invocations,
                    AllocatedMb = Held.Count,
                    RemainingMs = remaining,
                    GcAvailableBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                    RequestId = context.AwsRequestId,
                };
            }
        }
    }

    private static ValueTask BeforeSnapshot(int n)
    {
        Record($"HOOK before {n}");
        if (n == FailingHook && Flag("PROBE_FAIL_BEFORE_SNAPSHOT"))
        {
            throw new InvalidOperationException($"Before-snapshot hook {n} failure requested by PROBE_FAIL_BEFORE_SNAPSHOT");
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask AfterRestore(int n)
    {
        Record($"HOOK after {n}");
        if (n == FailingHook && Flag("PROBE_FAIL_AFTER_RESTORE"))
        {
            throw new InvalidOperationException($"After-restore hook {n} failure requested by PROBE_FAIL_AFTER_RESTORE");
        }

        if (n == FailingHook && Flag("PROBE_HANG_AFTER_RESTORE"))
        {
            await Task.Delay(Timeout.Infinite);
        }
    }

    private static void Record(string hookEvent)
    {
        lock (HookEvents)
        {
            HookEvents.Add(hookEvent);
        }

        Console.WriteLine(hookEvent);
    }

    private static bool Flag(string name) =>
        string.Equals(Environment.GetEnvironmentVariable(name), "true", StringComparison.OrdinalIgnoreCase);
}
