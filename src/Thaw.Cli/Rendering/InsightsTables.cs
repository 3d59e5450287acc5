using Spectre.Console;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Rendering;

/// <summary>Logs Insights results as a table: one column per field in order of first appearance (<c>@ptr</c> left out).</summary>
internal static class InsightsTables
{
    public const string PointerField = "@ptr";

    public static Table Render(GetQueryResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Results ?? [];
        var fields = rows.SelectMany(r => r).Select(c => c.Field ?? string.Empty).Where(f => f != PointerField).Distinct().ToList();
        if (fields.Count == 0)
        {
            fields.Add("(no rows)");
        }

        var table = Tables.Create([.. fields]);
        foreach (var row in rows)
        {
            var cells = fields.Select(f => row.FirstOrDefault(c => c.Field == f)?.Value ?? string.Empty).ToArray();
            Tables.AddRow(table, cells);
        }

        return table;
    }

    /// <summary>The value of <paramref name="field"/> in each row.</summary>
    public static IEnumerable<string?> Column(GetQueryResultsResponse results, string field) =>
        (results?.Results ?? []).Select(r => r.FirstOrDefault(c => c.Field == field)?.Value);
}
