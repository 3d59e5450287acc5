using System.Buffers.Binary;

namespace Thaw.Logs.Insights;

/// <summary>The opaque <c>@ptr</c> of a result row: the group and the event's sequence number, base64.</summary>
internal static class Ptr
{
    public static string Encode(long groupId, long sequence)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, groupId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], sequence);
        return Convert.ToBase64String(bytes);
    }

    public static bool TryDecode(string ptr, out long groupId, out long sequence)
    {
        groupId = 0;
        sequence = 0;
        Span<byte> bytes = stackalloc byte[18];
        if (!Convert.TryFromBase64String(ptr, bytes, out var written) || written != 16)
        {
            return false;
        }

        groupId = BinaryPrimitives.ReadInt64BigEndian(bytes);
        sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        return true;
    }
}
