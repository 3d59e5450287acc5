using System.CommandLine;
using System.CommandLine.Parsing;
using Thaw.Cli.Api;

namespace Thaw.Cli.Common;

/// <summary>
/// <c>--endpoint</c>: where the host is. One instance per command (not recursive) so that commands added by others,
/// such as <c>logs</c>, can define their own without a clash.
/// </summary>
internal static class EndpointOption
{
    /// <summary>The host's documented default address.</summary>
    public static readonly Uri DefaultEndpoint = new("http://127.0.0.1:9300");

    public static Option<Uri?> Create() => new("--endpoint")
    {
        Description = $"URL of the Thaw host (default: ${EnvironmentVariables.Endpoint}, else {DefaultEndpoint})",
        HelpName = "URL",
        CustomParser = Parse,
    };

    /// <summary>The option's value, else <c>THAW_ENDPOINT</c>, else the default.</summary>
    public static Uri Resolve(ParseResult parseResult, Option<Uri?> option, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        if (parseResult.GetValue(option) is { } given)
        {
            return given;
        }

        var fromEnvironment = context.GetEnvironmentVariable(EnvironmentVariables.Endpoint);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return DefaultEndpoint;
        }

        return TryParse(fromEnvironment, out var uri, out var error)
            ? uri
            : throw new CliException($"{EnvironmentVariables.Endpoint}: {error}");
    }

    /// <summary>True when the user named an endpoint (flag or environment).</summary>
    public static bool IsExplicit(ParseResult parseResult, Option<Uri?> option, CliContext context) =>
        parseResult.GetValue(option) is not null || !string.IsNullOrWhiteSpace(context.GetEnvironmentVariable(EnvironmentVariables.Endpoint));

    public static bool TryParse(string text, out Uri uri, out string error)
    {
        // "127.0.0.1:9300" is what people type; treat a bare host:port as http.
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(candidate, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0)
        {
            uri = new Uri(parsed.GetLeftPart(UriPartial.Authority) + "/");
            error = string.Empty;
            return true;
        }

        uri = DefaultEndpoint;
        error = $"'{text}' is not an http(s) URL such as {DefaultEndpoint}.";
        return false;
    }

    private static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var uri, out var error))
        {
            return uri;
        }

        result.AddError($"--endpoint: {error}");
        return null;
    }

    /// <summary>The advice printed when nothing answers.</summary>
    public static string StartHint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var port = endpoint.Port == DefaultEndpoint.Port ? null : $" --port {endpoint.Port}";
        return $"Start one in another terminal with `thaw serve{port}` (or `./thaw serve{port}` from the repository), "
            + $"or point --endpoint / {EnvironmentVariables.Endpoint} at a running host.";
    }

    /// <summary>A connection to the resolved endpoint.</summary>
    public static HostConnection Connect(HttpClient http, Uri endpoint) => new(http, endpoint);
}
