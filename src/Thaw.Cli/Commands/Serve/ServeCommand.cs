using System.CommandLine;
using System.Globalization;
using System.Net;
using Spectre.Console;
using Thaw.Cli.Common;
using Thaw.Host;

namespace Thaw.Cli.Commands.Serve;

/// <summary><c>thaw serve</c>: runs the host in this process until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int?>("--port", "-p")
        {
            Description = $"Port of the AWS-compatible APIs (default: ${EnvironmentVariables.Port}, else 9300; 0 picks a free one)",
            HelpName = "PORT",
        };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } p && (p < 0 || p > 65535))
            {
                r.AddError($"--port must be between 0 and 65535, not {p}.");
            }
        });
        var listen = new Option<string?>("--listen")
        {
            Description = $"Address to bind (default: ${EnvironmentVariables.Listen}, else 127.0.0.1; 0.0.0.0 for every interface)",
            HelpName = "ADDR",
        };
        listen.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } a && ValidateListen(a) is { } error)
            {
                r.AddError($"--listen: {error}");
            }
        });
        var stateDir = new Option<string?>("--state-dir")
        {
            Description = $"Where functions, logs and snapshots live (default: ${EnvironmentVariables.StateDir}, else ~/.local/state/thaw)",
            HelpName = "DIR",
        };

        var command = new Command("serve", "Run the Thaw host (Lambda API, Logs API, front door) in this process until Ctrl+C.")
        {
            port,
            listen,
            stateDir,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var options = ResolveOptions(context, parseResult.GetValue(port), parseResult.GetValue(listen), parseResult.GetValue(stateDir));
                return await RunAsync(context, options, cancellationToken);
            },
            cancellationToken));
        return command;
    }

    /// <summary>Flags first, then THAW_PORT / THAW_LISTEN / THAW_STATE_DIR, then the host's defaults.</summary>
    public static ServerOptions ResolveOptions(CliContext context, int? port, string? listen, string? stateDir)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = new ServerOptions { StateDirectory = string.Empty };
        var resolvedPort = port ?? ParsePortVariable(context.GetEnvironmentVariable(EnvironmentVariables.Port)) ?? defaults.Port;

        var resolvedListen = listen ?? NonEmpty(context.GetEnvironmentVariable(EnvironmentVariables.Listen)) ?? defaults.ListenAddress;
        if (listen is null && ValidateListen(resolvedListen) is { } error)
        {
            throw new CliException($"{EnvironmentVariables.Listen}: {error}");
        }

        var resolvedStateDir = stateDir
            ?? NonEmpty(context.GetEnvironmentVariable(EnvironmentVariables.StateDir))
            ?? ServerOptions.DefaultStateDirectory();
        return defaults with
        {
            Port = resolvedPort,
            ListenAddress = resolvedListen,
            StateDirectory = Path.GetFullPath(resolvedStateDir, context.CurrentDirectory),
        };
    }

    private static async Task<int> RunAsync(CliContext context, ServerOptions options, CancellationToken cancellationToken)
    {
        context.Error.MarkupLine($"Starting the Thaw host (state: [bold]{Markup.Escape(options.StateDirectory)}[/])…");
        try
        {
            await context.RunServer(
                options,
                uri =>
                {
                    context.Error.MarkupLine($"[green]Thaw host listening on[/] [bold]{Markup.Escape(uri.ToString())}[/] — Ctrl+C to stop.");
                    context.Error.MarkupLine($"[grey]Point the AWS CLI at it with --endpoint-url {Markup.Escape(uri.ToString())}, or thaw with --endpoint / THAW_ENDPOINT.[/]");
                },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the host stopped as asked.
        }

        context.Error.MarkupLine("Thaw host stopped.");
        return ExitCodes.Success;
    }

    private static int? ParsePortVariable(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535
            ? p
            : throw new CliException($"{EnvironmentVariables.Port}: '{text}' is not a port (0–65535).");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Null when Kestrel can bind it: an IP address, <c>localhost</c> or <c>*</c>.</summary>
    public static string? ValidateListen(string address) =>
        IPAddress.TryParse(address, out _) || address is "localhost" or "*"
            ? null
            : $"'{address}' is not an IP address (for example 127.0.0.1 or 0.0.0.0), 'localhost' or '*'.";
}
