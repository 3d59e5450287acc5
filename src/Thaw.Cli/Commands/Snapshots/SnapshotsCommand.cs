using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Snapshots;

/// <summary><c>thaw snapshots N[:VERSION]</c>: a function's snapshots and the Init each came from.</summary>
internal static class SnapshotsCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var target = FunctionArgument.Create("FUNCTION", "Function name, optionally with :VERSION");
        var command = new Command("snapshots", "List a function's SnapStart snapshots with their lineage: the Init that made each, its MACs, restores.") { target, endpoint };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var name = QualifiedName.Parse(parseResult.GetRequiredValue(target));
                using var http = context.CreateHttpClient();
                var thaw = new ThawExtensionsClient(new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context)));
                var snapshots = await thaw.ListSnapshotsAsync(name.Name, name.Qualifier, cancellationToken);
                if (snapshots.Count == 0)
                {
                    context.Out.WriteLine($"No snapshots for {name}. Snapshots are made when a version of a function with SnapStart (`thaw deploy --snap-start`) is published (`thaw publish {name.Name}`).");
                    return ExitCodes.Success;
                }

                context.Out.Write(SnapshotTables.List(snapshots));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
