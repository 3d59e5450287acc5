using System.Text.Json.Serialization;

namespace SnapStartProbe;

/// <summary>What the probe saw: values that tell environments and snapshots apart.</summary>
public sealed class ProbeResponse
{
    /// <summary>The next value of a System.Random created during Init: equal across environments restored from one snapshot.</summary>
    [JsonPropertyName("random")]
    public int Random { get; set; }

    /// <summary>Environment.ProcessId.</summary>
    [JsonPropertyName("processId")]
    public int ProcessId { get; set; }

    /// <summary>A GUID made during Init.</summary>
    [JsonPropertyName("initId")]
    public string InitId { get; set; } = string.Empty;

    /// <summary>The content of the probe's file in /tmp, written during Init.</summary>
    [JsonPropertyName("tmp")]
    public string? Tmp { get; set; }

    /// <summary>Interfaces as <c>name:MAC</c>.</summary>
    [JsonPropertyName("macs")]
    public IReadOnlyList<string> Macs { get; set; } = [];

    /// <summary>Hook events in the order they ran in this process.</summary>
    [JsonPropertyName("hooks")]
    public IReadOnlyList<string> Hooks { get; set; } = [];

    /// <summary>Invocations served by this environment, this one included.</summary>
    [JsonPropertyName("invocations")]
    public int Invocations { get; set; }

    /// <summary>MB allocated and held so far.</summary>
    [JsonPropertyName("allocatedMb")]
    public int AllocatedMb { get; set; }

    /// <summary>The function's remaining time when the handler started, in ms.</summary>
    [JsonPropertyName("remainingMs")]
    public long RemainingMs { get; set; }

    /// <summary>The memory the GC may use (the runtime caps it at the function's memory size).</summary>
    [JsonPropertyName("gcAvailableBytes")]
    public long GcAvailableBytes { get; set; }

    /// <summary>The request id.</summary>
    [JsonPropertyName("requestId")]
    public string RequestId { get; set; } = string.Empty;
}
