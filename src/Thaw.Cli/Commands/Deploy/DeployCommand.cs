using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Deploy;

/// <summary><c>thaw deploy DIR|ZIP --name N …</c>: create or update a function from a project, a directory or a zip.</summary>
internal static class DeployCommand
{
    public const int MaxSnapshots = 100;

    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var path = new Argument<string>("path") { Description = "A .NET project directory (built with dotnet publish), a directory to zip as is, or a .zip", HelpName = "DIR|ZIP" };
        var name = new Option<string>("--name", "-n") { Description = "Function name", HelpName = "NAME", Required = true };
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } n && FunctionNames.Validate(n) is { } error)
            {
                r.AddError($"--name: {error}");
            }
        });
        var runtime = new Option<string?>("--runtime") { Description = $"{WireNames.RuntimeDotnet10} or {WireNames.RuntimeProvidedAl2023} (default: from {LambdaToolsDefaults.FileName}, else inferred)", HelpName = "RUNTIME" };
        var handler = new Option<string?>("--handler") { Description = "Assembly::Namespace.Type::Method for dotnet10 (default: from the defaults file, else inferred)", HelpName = "HANDLER" };
        var memory = RangeOption("--memory", "Memory in MB", "MB", DeploySettings.MinMemory, DeploySettings.MaxMemory);
        var timeout = RangeOption("--timeout", "Timeout in seconds", "S", DeploySettings.MinTimeout, DeploySettings.MaxTimeout);
        var description = new Option<string?>("--description") { Description = "Function description", HelpName = "TEXT" };
        var snapStart = new Option<bool>("--snap-start") { Description = "SnapStart on published versions: Init once at publish, cold starts restore a snapshot" };
        var snapshots = RangeOption("--snapshots", "Thaw: independent Inits (snapshots) per published version", "K", 1, MaxSnapshots);
        var networkIdentity = new Option<string?>("--network-identity") { Description = "Thaw: on restore, keep the snapshot's MACs (preserve) or set fresh ones (regenerate)", HelpName = "MODE" };
        networkIdentity.AcceptOnlyFromAmong(WireNames.NetworkIdentityPreserve, WireNames.NetworkIdentityRegenerate);
        var restoreAhead = RangeOption("--restore-ahead", "Thaw: restored clones kept ready ahead of demand per published version", "N", 0, MaxSnapshots);
        var environment = new Option<string[]>("--env", "-e") { Description = "Environment variable KEY=VALUE (repeatable)", HelpName = "KEY=VALUE", Arity = ArgumentArity.ZeroOrMore };
        environment.Validators.Add(r =>
        {
            foreach (var pair in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (ParseVariable(pair) is null)
                {
                    r.AddError($"--env: '{pair}' is not KEY=VALUE with KEY a letter followed by letters, digits or '_'.");
                }
            }
        });

        var command = new Command("deploy", "Create or update a function from a .NET project, a directory or a zip, and wait until it is Active.")
        {
            path, name, runtime, handler, memory, timeout, description, snapStart, snapshots, networkIdentity, restoreAhead, environment, endpoint,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var options = new DeployOptions
                {
                    Path = parseResult.GetRequiredValue(path),
                    Name = parseResult.GetRequiredValue(name),
                    Runtime = parseResult.GetValue(runtime),
                    Handler = parseResult.GetValue(handler),
                    MemorySize = parseResult.GetValue(memory),
                    Timeout = parseResult.GetValue(timeout),
                    Description = parseResult.GetValue(description),
                    SnapStart = parseResult.GetValue(snapStart),
                    SnapshotCount = parseResult.GetValue(snapshots),
                    NetworkIdentity = parseResult.GetValue(networkIdentity),
                    RestoreAhead = parseResult.GetValue(restoreAhead),
                    Environment = (parseResult.GetValue(environment) ?? []).Select(p => ParseVariable(p)!.Value).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
                };
                if (!options.SnapStart && (options.SnapshotCount is not null || options.NetworkIdentity is not null))
                {
                    context.Error.MarkupLine("[yellow]warning:[/] --snapshots and --network-identity apply to SnapStart versions; add --snap-start for them to matter.");
                }

                using var http = context.CreateHttpClient();
                var lambda = new LambdaClient(new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context)));
                var result = await new Deployer(context, lambda).DeployAsync(options, cancellationToken);
                context.Out.Write(FunctionTables.Details(result));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    /// <summary>KEY=VALUE with a POSIX-ish key, or null.</summary>
    public static KeyValuePair<string, string>? ParseVariable(string pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var key = pair[..equals];
        return char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? new KeyValuePair<string, string>(key, pair[(equals + 1)..])
            : null;
    }

    private static Option<int?> RangeOption(string name, string description, string helpName, int min, int max)
    {
        var option = new Option<int?>(name) { Description = $"{description} ({min}–{max})", HelpName = helpName };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } v && (v < min || v > max))
            {
                r.AddError($"{name} must be between {min} and {max}, not {v}.");
            }
        });
        return option;
    }
}
