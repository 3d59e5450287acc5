using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Thaw.Host.Platform;

/// <summary>
/// Lambda's platform log lines in its plain-text format: fields TAB-separated, durations with two decimals,
/// billed durations as whole milliseconds (see lambda-snapstart-spec.md §3.1 for the observed formats).
/// </summary>
internal static class PlatformLines
{
    public static string RuntimeVersion(string runtime) => runtime switch
    {
        "dotnet10" => "dotnet:10.v1",
        "dotnet8" => "dotnet:8.v1",
        _ => runtime.Replace('.', ':') + ".v1",
    };

    /// <summary>A stable, made-up runtime version ARN per runtime (Lambda's are opaque hashes too).</summary>
    public static string RuntimeVersionArn(string region, string runtime) =>
        $"arn:aws:lambda:{region}::runtime:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("thaw:" + RuntimeVersion(runtime))))}";

    public static string InitStart(string region, string runtime) =>
        $"INIT_START Runtime Version: {RuntimeVersion(runtime)}\tRuntime Version ARN: {RuntimeVersionArn(region, runtime)}";

    public static string InitReport(double initMs) => $"INIT_REPORT Init Duration: {Ms(initMs)} ms";

    public static string InitReportError(double initMs, string phase, string status, string? errorType) =>
        $"INIT_REPORT Init Duration: {Ms(initMs)} ms\tPhase: {phase}\tStatus: {status}" + (errorType is null ? "" : $"\tError Type: {errorType}");

    public static string RestoreStart(string region, string runtime) =>
        $"RESTORE_START Runtime Version: {RuntimeVersion(runtime)}\tRuntime Version ARN: {RuntimeVersionArn(region, runtime)}";

    public static string RestoreReport(double restoreMs) => $"RESTORE_REPORT Restore Duration: {Ms(restoreMs)} ms";

    public static string RestoreReportError(double restoreMs, string status, string? errorType) =>
        $"RESTORE_REPORT Restore Duration: {Ms(restoreMs)} ms\tStatus: {status}" + (errorType is null ? "" : $"\tError Type: {errorType}");

    public static string Start(string requestId, string version) => $"START RequestId: {requestId} Version: {version}";

    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>The REPORT line. Init Duration, or Restore and Billed Restore Duration, sit after Max Memory Used as on Lambda.</summary>
    public static string Report(string requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb, double? initMs, double? restoreMs, double? billedRestoreMs, string? status)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"REPORT RequestId: {requestId}\tDuration: {Ms(durationMs)} ms\tBilled Duration: {Billed(durationMs)} ms\t");
        sb.Append(CultureInfo.InvariantCulture, $"Memory Size: {memorySizeMb} MB\tMax Memory Used: {maxMemoryUsedMb} MB\t");
        if (initMs is { } init)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Init Duration: {Ms(init)} ms\t");
        }

        if (restoreMs is { } restore)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Restore Duration: {Ms(restore)} ms\tBilled Restore Duration: {Billed(billedRestoreMs ?? 0)} ms\t");
        }

        if (status is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Status: {status}\t");
        }

        return sb.ToString();
    }

    /// <summary>The line Lambda writes when a function times out (ISO-8601 timestamp, request id, message).</summary>
    public static string TimedOut(DateTimeOffset at, string requestId, int timeoutSeconds) =>
        $"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} {TimedOutMessage(timeoutSeconds)}";

    public static string TimedOutMessage(int timeoutSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"Task timed out after {timeoutSeconds:0.00} seconds");

    /// <summary>RAPID's fault rendering: <c>RequestId: %s Error: %s\n%s</c>.</summary>
    public static string Fault(string requestId, string message, string errorType) => $"RequestId: {requestId} Error: {message}\n{errorType}";

    public static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);

    public static long Billed(double ms) => (long)Math.Ceiling(ms);
}
