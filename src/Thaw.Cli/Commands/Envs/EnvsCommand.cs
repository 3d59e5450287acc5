using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Envs;

/// <summary><c>thaw envs</c>: the execution environments alive in the host, with their snapshot and MACs.</summary>
internal static class EnvsCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var function = new Option<string?>("--function", "-f") { Description = "Only this function's environments (NAME or NAME:VERSION)", HelpName = "NAME" };
        function.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && QualifiedName.Parse(text).Validate() is { } error)
            {
                r.AddError($"--function: {error}");
            }
        });
        var command = new Command("envs", "List execution environments: id, function, version, state, pid, MACs, snapshot, started, last used.") { endpoint, function };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                using var http = context.CreateHttpClient();
                var thaw = new ThawExtensionsClient(new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context)));
                var environments = (await thaw.ListEnvironmentsAsync(cancellationToken)).AsEnumerable();
                if (parseResult.GetValue(function) is { } filter)
                {
                    var name = QualifiedName.Parse(filter);
                    environments = environments.Where(e => e.FunctionName == name.Name && (name.Qualifier is null || e.Version == name.Qualifier));
                }

                var list = environments.ToList();
                if (list.Count == 0)
                {
                    context.Out.WriteLine("No execution environments (they start on invocation and are reclaimed when idle).");
                    return ExitCodes.Success;
                }

                context.Out.Write(EnvironmentTables.List(list));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
