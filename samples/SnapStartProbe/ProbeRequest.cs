using System.Text.Json.Serialization;

namespace SnapStartProbe;

/// <summary>What an invocation asks the probe to do; every field is optional.</summary>
public sealed class ProbeRequest
{
    /// <summary>Sleep this long before answering.</summary>
    [JsonPropertyName("sleepMs")]
    public int SleepMs { get; set; }

    /// <summary><c>failfast</c> (Environment.FailFast) or <c>exit</c> (Environment.Exit with <see cref="ExitCode"/>).</summary>
    [JsonPropertyName("crash")]
    public string? Crash { get; set; }

    /// <summary>Exit code for <c>crash: exit</c>.</summary>
    [JsonPropertyName("exitCode")]
    public int ExitCode { get; set; } = 3;

    /// <summary>Throw an InvalidOperationException with this message.</summary>
    [JsonPropertyName("throw")]
    public string? Throw { get; set; }

    /// <summary>Allocate and keep this many MB (pages touched), to exercise memory limits.</summary>
    [JsonPropertyName("allocateMb")]
    public int AllocateMb { get; set; }
}
