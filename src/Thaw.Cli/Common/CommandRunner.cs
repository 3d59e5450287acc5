using System.ComponentModel;
using Spectre.Console;
using Thaw.Cli.Api;

namespace Thaw.Cli.Common;

/// <summary>Runs a command body and turns the errors users can act on into one clear message and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (HostUnreachableException e)
        {
            var endpoint = e.Endpoint ?? EndpointOption.DefaultEndpoint;
            context.Error.MarkupLine($"[red]error:[/] No Thaw host answers at [bold]{Markup.Escape(endpoint.ToString())}[/] ({Markup.Escape(e.InnerException?.Message ?? e.Message)}).");
            context.Error.MarkupLine(Markup.Escape(EndpointOption.StartHint(endpoint)));
            return ExitCodes.HostUnreachable;
        }
        catch (LambdaApiException e)
        {
            var status = e.StatusCode == 0 ? string.Empty : $" (HTTP {(int)e.StatusCode})";
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.ErrorType)}{status}: {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (CliException e)
        {
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (TimeoutException e)
        {
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Win32Exception e)
        {
            // A program we run (dotnet, criu) is missing.
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }
    }
}
