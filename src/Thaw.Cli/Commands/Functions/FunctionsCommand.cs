using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Functions;

/// <summary><c>thaw functions</c>: ListFunctions as a table.</summary>
internal static class FunctionsCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var command = new Command("functions", "List the host's functions (ListFunctions), with SnapStart and Thaw's snapshot settings.") { endpoint };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                using var http = context.CreateHttpClient();
                var lambda = new LambdaClient(new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context)));
                var functions = await lambda.ListFunctionsAsync(cancellationToken);
                if (functions.Count == 0)
                {
                    context.Out.WriteLine("No functions. Deploy one with `thaw deploy DIR --name NAME`.");
                    return ExitCodes.Success;
                }

                context.Out.Write(FunctionTables.List(functions));
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
