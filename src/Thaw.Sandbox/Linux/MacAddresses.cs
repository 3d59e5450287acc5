using System.Security.Cryptography;

namespace Thaw.Sandbox.Linux;

/// <summary>Random MAC addresses in the locally administered, unicast range (first octet xxxxxx10).</summary>
internal static class MacAddresses
{
    public static string NewLocal()
    {
        Span<byte> b = stackalloc byte[6];
        RandomNumberGenerator.Fill(b);
        b[0] = (byte)((b[0] & 0xFC) | 0x02);
        return Convert.ToHexStringLower(b).Chunk(2).Select(c => new string(c)).Aggregate((a, c) => a + ":" + c);
    }

    /// <summary>True for a lower-case, colon-separated, locally administered unicast address.</summary>
    public static bool IsLocalUnicast(string mac) =>
        mac.Length == 17 && byte.TryParse(mac.AsSpan(0, 2), System.Globalization.NumberStyles.HexNumber, null, out var first) && (first & 0x03) == 0x02;
}
