using System.Text;

namespace MacAddressProbe;

/// <summary>
/// Writes lines to stdout without the runtime's <c>timestamp\trequestId\tlevel\t</c> prefix, as Java's
/// System.out.println did in the seed, so that the seed's Logs Insights query <c>parse @message "*:*" as nicName,
/// macAddr</c> splits <c>vinternal_1:02-…</c> at the right colon (the prefix's timestamp has colons of its own).
/// </summary>
public static class PlainOut
{
    private static readonly Lock Gate = new();
    private static readonly Stream Stdout = Console.OpenStandardOutput();

    public static void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (Gate)
        {
            // Whatever the runtime's Console.Out still holds goes first, so lines keep their order.
            Console.Out.Flush();
            Stdout.Write(bytes);
            Stdout.Flush();
        }
    }

    public static void WriteLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            WriteLine(line);
        }
    }
}
