using System.Net.NetworkInformation;

namespace MacAddressProbe;

/// <summary>Lists interfaces as <c>name:XX-XX-XX-XX-XX-XX</c> (upper-case hex, dash-separated; empty for lo), as the seed's Java did.</summary>
public static class NicInfo
{
    public static IReadOnlyList<string> List() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Select(nic => nic.Name + ":" + Format(nic.GetPhysicalAddress().GetAddressBytes()))
            .ToList();

    public static string Format(byte[] mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return string.Join('-', mac.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
