using System.Collections;
using System.Globalization;
using System.Net;
using Thaw.Agent.RuntimeApi;

namespace Thaw.Agent;

/// <summary>
/// The agent's command line and environment: <c>thaw-agent -- &lt;runtime argv…&gt;</c>; <c>THAW_AGENT_LISTEN=host:port</c>
/// overrides the Runtime API endpoint (default 127.0.0.1:9001, port 0 picks a free one).
/// </summary>
internal sealed record AgentOptions(IPEndPoint Listen, IReadOnlyList<string> RuntimeCommand, IReadOnlyDictionary<string, string> RuntimeEnvironment, bool SnapStart)
{
    public const string ListenVariable = "THAW_AGENT_LISTEN";
    public const string AgentVariablePrefix = "THAW_AGENT_";
    public const string DefaultListen = "127.0.0.1:9001";

    public const string Usage = "usage: thaw-agent -- <runtime command> [args...]   (env THAW_AGENT_LISTEN=host:port, default 127.0.0.1:9001)";

    /// <summary>Parses argv and the environment; the error says what is wrong.</summary>
    public static AgentOptions Parse(IReadOnlyList<string> args, IDictionary environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var separator = -1;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                separator = i;
                break;
            }
        }

        if (separator != 0 || separator == args.Count - 1)
        {
            error = separator > 0 ? $"unknown option '{args[0]}'" : "missing the runtime command after '--'";
            return Invalid;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in environment)
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var listenText = variables.GetValueOrDefault(ListenVariable) is { Length: > 0 } configured ? configured : DefaultListen;
        if (!IPEndPoint.TryParse(listenText, out var listen) || !listenText.Contains(':', StringComparison.Ordinal))
        {
            error = $"{ListenVariable}='{listenText}' is not host:port";
            return Invalid;
        }

        var runtimeEnvironment = variables
            .Where(kv => !kv.Key.StartsWith(AgentVariablePrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var snapStart = runtimeEnvironment.GetValueOrDefault(RuntimeApiWire.VariableInitializationType) == RuntimeApiWire.InitializationTypeSnapStart;
        return new AgentOptions(listen, [.. args.Skip(separator + 1)], runtimeEnvironment, snapStart);
    }

    /// <summary>The runtime's environment once the listener is bound: AWS_LAMBDA_RUNTIME_API names the real endpoint.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(IPEndPoint bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        var environment = new Dictionary<string, string>(RuntimeEnvironment, StringComparer.Ordinal)
        {
            [RuntimeApiWire.VariableRuntimeApi] = bound.ToString(),
        };
        return environment;
    }

    private static AgentOptions Invalid { get; } = new(new IPEndPoint(IPAddress.Loopback, 0), [], new Dictionary<string, string>(), false);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Listen} -- {string.Join(' ', RuntimeCommand)}");
}
