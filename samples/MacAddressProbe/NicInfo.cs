using System.Net.NetworkInformation;

namespace MacAddressProbe;

/// <summary>Lists interfaces as <c>name:XX-XX-XX-XX-XX-XX</c> (upper-case hex, dash-separated; empty for lo), as the seed's Java did.</summary>
public static class NicInfo
{
    public static IReadOnlyList<string> List() =>
        NetworkInterface.GetAllNetworkInterfaces()
            // Java's getHardwareAddress() is null for loopback; .NET reports six zero bytes. Print it empty, as the seed did.
            .Select(nic => nic.Name + ":" + (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback ? string.Empty : Format(nic.GetPhysicalAddress().GetAddressBytes())))
            .ToList();

    public static string Format(byte[] mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return string.Join('-', mac.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
