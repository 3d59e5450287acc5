using System.Globalization;
using System.Text.Json;
using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Deploy;

/// <summary>
/// The settings the Amazon.Lambda.Tools templates keep in <c>aws-lambda-tools-defaults.json</c> next to the project
/// (<c>function-runtime</c>, <c>function-handler</c>, <c>function-memory-size</c>, <c>function-timeout</c>,
/// <c>environment-variables</c> as <c>"K1=V1;K2=V2"</c>). Numbers may be written as strings, as the templates do.
/// </summary>
internal sealed record LambdaToolsDefaults
{
    public const string FileName = "aws-lambda-tools-defaults.json";

    public string? Runtime { get; init; }

    public string? Handler { get; init; }

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the file in <paramref name="directory"/>, or returns null when there is none.</summary>
    public static LambdaToolsDefaults? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{path}: expected a JSON object.");
            }

            return new LambdaToolsDefaults
            {
                Runtime = String(root, "function-runtime"),
                Handler = String(root, "function-handler"),
                MemorySize = Integer(root, "function-memory-size", path),
                Timeout = Integer(root, "function-timeout", path),
                EnvironmentVariables = ParseVariables(String(root, "environment-variables"), path),
            };
        }
        catch (JsonException e)
        {
            throw new CliException($"{path} is not valid JSON: {e.Message}");
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s.Trim() : null;

    private static int? Integer(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new CliException($"{path}: \"{name}\" must be a whole number.");
    }

    private static Dictionary<string, string> ParseVariables(string? text, string path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"{path}: environment-variables entry '{pair}' is not KEY=VALUE.");
            }

            variables[pair[..equals]] = pair[(equals + 1)..];
        }

        return variables;
    }
}
