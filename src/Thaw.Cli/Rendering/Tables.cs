using Spectre.Console;
using Spectre.Console.Rendering;

namespace Thaw.Cli.Rendering;

/// <summary>Builds the CLI's tables in one style. Cells are plain text, never markup, so no value can break rendering.</summary>
internal static class Tables
{
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>Lambda's log lines separate fields with tabs, which a terminal expands past the cell's border.</summary>
    public static string Clean(string text) => (text ?? string.Empty).Replace('\t', ' ');

    public static void AddRow(Table table, params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddRow(cells.Select(c => (IRenderable)new Text(Clean(c))).ToArray());
    }
}
