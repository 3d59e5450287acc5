using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Doctor;

/// <summary><c>thaw doctor</c>: what works on this machine and what does not, and why.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var command = new Command("doctor", "Check root, namespaces, cgroups, CRIU, dotnet and the host: what works, what does not, and why.") { endpoint };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var checks = await new DoctorChecks(context).RunAsync(EndpointOption.Resolve(parseResult, endpoint, context), cancellationToken);
                context.Out.Write(Render(checks));
                var failed = checks.Count(c => c.Status == CheckStatus.Failed);
                context.Out.MarkupLine(failed == 0
                    ? "[green]Everything Thaw needs works here.[/]"
                    : $"[red]{failed} check(s) failed[/]: the parts named above will not work until fixed.");
                return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
            },
            cancellationToken));
        return command;
    }

    public static Table Render(IEnumerable<DoctorCheck> checks)
    {
        var table = Tables.Create("Check", "Status", "Detail");
        foreach (var check in checks)
        {
            IRenderable status = check.Status switch
            {
                CheckStatus.Ok => new Markup("[green]ok[/]"),
                CheckStatus.Warning => new Markup("[yellow]warn[/]"),
                _ => new Markup("[red]FAIL[/]"),
            };
            table.AddRow(new Text(check.Name), status, new Text(check.Detail));
        }

        return table;
    }
}
