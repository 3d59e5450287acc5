namespace Thaw.Cli.Tests.Support;

/// <summary>A request the fake host received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body) ?? throw new InvalidOperationException("empty body");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
