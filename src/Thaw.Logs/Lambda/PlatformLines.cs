using System.Globalization;
using System.Text.RegularExpressions;

namespace Thaw.Logs.Lambda;

/// <summary>
/// Reads Lambda's plain-text platform lines (START, END, REPORT, INIT_*, RESTORE_*) and the runtime's default
/// application line format (<c>timestamp\trequestId\tLEVEL\tmessage</c>). See LOGS.md beside this project.
/// </summary>
internal static partial class PlatformLines
{
    public const string LambdaGroupPrefix = "/aws/lambda/";
    private const string RequestIdLabel = "RequestId: ";

    private static readonly (string Prefix, PlatformLineType Type)[] Prefixes =
    [
        ("START ", PlatformLineType.Start),
        ("END ", PlatformLineType.End),
        ("REPORT ", PlatformLineType.Report),
        ("INIT_START ", PlatformLineType.InitStart),
        ("INIT_REPORT ", PlatformLineType.InitReport),
        ("RESTORE_START ", PlatformLineType.RestoreStart),
        ("RESTORE_REPORT ", PlatformLineType.RestoreReport),
    ];

    public static bool IsLambdaGroup(string logGroup) => logGroup.StartsWith(LambdaGroupPrefix, StringComparison.Ordinal);

    public static string TypeName(PlatformLineType type) => type switch
    {
        PlatformLineType.Start => "START",
        PlatformLineType.End => "END",
        PlatformLineType.Report => "REPORT",
        PlatformLineType.InitStart => "INIT_START",
        PlatformLineType.InitReport => "INIT_REPORT",
        PlatformLineType.RestoreStart => "RESTORE_START",
        PlatformLineType.RestoreReport => "RESTORE_REPORT",
        _ => "",
    };

    public static PlatformLineType ParseTypeName(string name)
    {
        foreach (var (prefix, type) in Prefixes)
        {
            if (prefix.AsSpan(0, prefix.Length - 1).SequenceEqual(name))
            {
                return type;
            }
        }

        return PlatformLineType.None;
    }

    public static LambdaFields Parse(string message)
    {
        var type = PlatformLineType.None;
        foreach (var (prefix, candidate) in Prefixes)
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                type = candidate;
                break;
            }
        }

        if (type == PlatformLineType.None)
        {
            var app = ApplicationLine().Match(message);
            return app.Success ? LambdaFields.None with { RequestId = app.Groups[1].Value } : LambdaFields.None;
        }

        string? requestId = null;
        if (type is PlatformLineType.Start or PlatformLineType.End or PlatformLineType.Report)
        {
            var at = message.IndexOf(RequestIdLabel, StringComparison.Ordinal);
            if (at >= 0)
            {
                var from = at + RequestIdLabel.Length;
                var end = from;
                while (end < message.Length && !char.IsWhiteSpace(message[end]))
                {
                    end++;
                }

                requestId = message[from..end];
            }
        }

        if (type != PlatformLineType.Report)
        {
            return LambdaFields.None with { Type = type, RequestId = requestId };
        }

        double? duration = null, billed = null, memory = null, maxMemory = null, init = null, restore = null;
        foreach (Match m in Metric().Matches(message))
        {
            var value = double.Parse(m.Groups[2].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
            switch (m.Groups[1].Value)
            {
                case "Duration": duration = value; break;
                case "Billed Duration": billed = value; break;
                case "Memory Size": memory = value * 1_000_000; break;
                case "Max Memory Used": maxMemory = value * 1_000_000; break;
                case "Init Duration": init = value; break;
                case "Restore Duration": restore = value; break;
                default: break;
            }
        }

        return new LambdaFields(type, requestId, duration, billed, memory, maxMemory, init, restore);
    }

    // Lambda separates the metrics with TABs; the alternation order makes "Billed Restore Duration" win over
    // "Restore Duration" and "Duration", so spaces instead of TABs (as in copied logs) parse too.
    [GeneratedRegex(@"(Billed Restore Duration|Restore Duration|Init Duration|Billed Duration|Max Memory Used|Memory Size|Duration): ([0-9]+(?:\.[0-9]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Metric();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[^\t]*\t([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\t", RegexOptions.CultureInvariant)]
    private static partial Regex ApplicationLine();
}
