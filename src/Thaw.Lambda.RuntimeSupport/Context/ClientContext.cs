using System.Text.Json;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Context;

internal sealed class ClientContext : IClientContext
{
    public IDictionary<string, string> Environment { get; private init; } = new Dictionary<string, string>();

    public IClientApplication? Client { get; private init; }

    public IDictionary<string, string> Custom { get; private init; } = new Dictionary<string, string>();

    /// <summary>Parses the <c>Lambda-Runtime-Client-Context</c> header; a malformed header gives null rather than failing the invoke.</summary>
    public static ClientContext? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new ClientContext
            {
                Client = root.TryGetProperty("client", out var client) && client.ValueKind == JsonValueKind.Object ? ClientApplication.FromJson(client) : null,
                Custom = JsonHelpers.GetStringMap(root, "custom"),
                Environment = JsonHelpers.GetStringMap(root, "env"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
