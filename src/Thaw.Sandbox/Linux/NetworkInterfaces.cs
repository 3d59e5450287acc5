namespace Thaw.Sandbox.Linux;

/// <summary>
/// Reads an environment's interfaces from the host through the environment's own sysfs
/// (<c>/proc/&lt;pid&gt;/root/sys/class/net</c>: the sysfs mounted inside shows the environment's network namespace).
/// </summary>
internal static class NetworkInterfaces
{
    public const string Internal = "vinternal_1";
    public const string Telemetry = "telemetry1_sb";

    public static IReadOnlyList<NetworkInterfaceInfo> Read(int hostPid)
    {
        var dir = $"/proc/{hostPid}/root/sys/class/net";
        try
        {
            return [.. Directory.EnumerateDirectories(dir)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n != "lo")
                .Order(StringComparer.Ordinal)
                .Select(n => new NetworkInterfaceInfo(n, File.ReadAllText(Path.Combine(dir, n, "address")).Trim()))];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
