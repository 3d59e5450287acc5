using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Thaw.Cli.Commands.Logs;

/// <summary>Prints GetQueryResults rows as a table (Spectre.Console), JSON (one object per row) or CSV.</summary>
internal static class QueryOutput
{
    public static void Write(IAnsiConsole console, TextWriter output, string format, IReadOnlyList<List<KeyValuePair<string, string>>> rows, bool showPtr)
    {
        var columns = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (field, _) in row)
            {
                if ((showPtr || field != "@ptr") && !columns.Contains(field))
                {
                    columns.Add(field);
                }
            }
        }

        switch (format)
        {
            case "json":
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    {
                        writer.WriteStartArray();
                        foreach (var row in rows)
                        {
                            writer.WriteStartObject();
                            foreach (var (field, value) in row.Where(f => columns.Contains(f.Key)))
                            {
                                writer.WriteString(field, value);
                            }

                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                    }

                    output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
                }

                break;
            case "csv":
                output.WriteLine(string.Join(',', columns.Select(Csv)));
                foreach (var row in rows)
                {
                    output.WriteLine(string.Join(',', columns.Select(c => Csv(row.FirstOrDefault(f => f.Key == c).Value ?? ""))));
                }

                break;
            default:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var column in columns)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(column)));
                }

                foreach (var row in rows)
                {
                    table.AddRow(columns.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(row.FirstOrDefault(f => f.Key == c).Value ?? "")).ToArray());
                }

                console.Write(table);
                break;
        }
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
