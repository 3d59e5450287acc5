using System.Globalization;
using Spectre.Console;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Rendering;

/// <summary>Tables of function configurations.</summary>
internal static class FunctionTables
{
    public static Table List(IEnumerable<FunctionConfiguration> functions)
    {
        var table = Tables.Create("Name", "Runtime", "Memory", "Timeout", "SnapStart", "Snapshots", "Network identity", "State", "Last modified");
        foreach (var f in functions.OrderBy(f => f.FunctionName, StringComparer.Ordinal))
        {
            Tables.AddRow(
                table,
                Format.Text(f.FunctionName),
                Format.Text(f.Runtime),
                f.MemorySize is { } m ? $"{m} MB" : Format.None,
                f.Timeout is { } t ? $"{t} s" : Format.None,
                SnapStart(f.SnapStart),
                Format.Number(f.ThawSnapshotCount),
                Format.Text(f.ThawNetworkIdentity),
                State(f),
                Format.Time(f.LastModified));
        }

        return table;
    }

    /// <summary>One function (or version) as a two-column table.</summary>
    public static Table Details(FunctionConfiguration f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var table = Tables.Create("Field", "Value");
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value) && value != Format.None)
            {
                Tables.AddRow(table, name, value);
            }
        }

        Row("FunctionName", f.FunctionName);
        Row("Version", f.Version);
        Row("FunctionArn", f.FunctionArn);
        Row("Runtime", f.Runtime);
        Row("Handler", f.Handler);
        Row("MemorySize", f.MemorySize is { } m ? $"{m} MB" : null);
        Row("Timeout", f.Timeout is { } t ? $"{t} s" : null);
        Row("CodeSize", f.CodeSize is { } c ? Format.Bytes(c) : null);
        Row("CodeSha256", f.CodeSha256);
        Row("SnapStart", SnapStart(f.SnapStart));
        Row("ThawSnapshotCount", f.ThawSnapshotCount?.ToString(CultureInfo.InvariantCulture));
        Row("ThawNetworkIdentity", f.ThawNetworkIdentity);
        Row("State", State(f));
        Row("LastUpdateStatus", f.LastUpdateStatus);
        Row("LastModified", Format.Time(f.LastModified));
        if (f.Environment?.Variables is { Count: > 0 } variables)
        {
            Row("Environment", string.Join('\n', variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
        }

        return table;
    }

    /// <summary><c>PublishedVersions (On)</c>, <c>None</c> or <c>-</c>.</summary>
    public static string SnapStart(SnapStartResponse? snapStart)
    {
        if (snapStart?.ApplyOn is not { Length: > 0 } applyOn)
        {
            return Format.None;
        }

        return snapStart.OptimizationStatus is { Length: > 0 } status ? $"{applyOn} ({status})" : applyOn;
    }

    public static string State(FunctionConfiguration f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var state = Format.Text(f.State);
        return string.IsNullOrEmpty(f.StateReason) || f.State == Api.WireNames.StateActive ? state : $"{state}: {f.StateReason}";
    }
}
