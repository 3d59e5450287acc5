using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Api.Model;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Publish;

/// <summary>
/// <c>thaw publish N</c>: PublishVersion, then wait while the version is Pending (for SnapStart: the Inits and the
/// snapshots), then show the version, its SnapStart status and its snapshots.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var target = FunctionArgument.Create("FUNCTION", "Function name");
        var description = new Option<string?>("--description") { Description = "Description of the version", HelpName = "TEXT" };
        var command = new Command("publish", "Publish a version of a function; with SnapStart this runs the Inits and takes the snapshots.") { target, description, endpoint };
        command.Validators.Add(r =>
        {
            if (r.GetValue(target) is { } text && QualifiedName.Parse(text).Qualifier is not null)
            {
                r.AddError("publish takes a function name without a qualifier: versions are published from $LATEST.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var name = parseResult.GetRequiredValue(target);
                using var http = context.CreateHttpClient();
                var connection = new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context));
                var version = await PublishAndWaitAsync(context, new LambdaClient(connection), name, parseResult.GetValue(description), cancellationToken);
                await ShowAsync(context, new ThawExtensionsClient(connection), version, cancellationToken);
                return version.State == WireNames.StateActive ? ExitCodes.Success : ExitCodes.Failure;
            },
            cancellationToken));
        return command;
    }

    /// <summary>Publishes and waits while Pending, showing a status line.</summary>
    public static async Task<FunctionConfiguration> PublishAndWaitAsync(CliContext context, LambdaClient lambda, string name, string? description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lambda);
        var waiter = new FunctionWaiter(lambda, context.Time, context.PollInterval);
        return await context.Error.Status().StartAsync($"Publishing a version of {Markup.Escape(name)}…", async status =>
        {
            var published = await lambda.PublishVersionAsync(name, new PublishVersionRequest { Description = description }, cancellationToken);
            var version = published.Version ?? throw new LambdaApiException(System.Net.HttpStatusCode.OK, "InvalidResponse", "PublishVersion returned no Version.");
            var snapStart = published.SnapStart?.ApplyOn == WireNames.SnapStartPublishedVersions;
            status.Status(snapStart
                ? $"Version {Markup.Escape(version)} is {Markup.Escape(published.State ?? "?")}: running Init and taking snapshots…"
                : $"Version {Markup.Escape(version)} is {Markup.Escape(published.State ?? "?")}…");
            var settled = await waiter.WaitAsync(
                name,
                version,
                FunctionWaiter.IsSettled,
                c => status.Status($"Version {Markup.Escape(version)}: {Markup.Escape(c.State ?? "?")}{(snapStart ? " (Init → snapshot)" : string.Empty)}…"),
                FunctionWaiter.DefaultTimeout,
                cancellationToken,
                acceptFailure: true);
            var icon = settled.State == WireNames.StateActive ? "[green]✓[/]" : "[red]✗[/]";
            context.Error.MarkupLine($"{icon} Published {Markup.Escape(name)} version [bold]{Markup.Escape(version)}[/]: {Markup.Escape(FunctionTables.State(settled))}");
            return settled;
        });
    }

    /// <summary>The version's details and, for SnapStart, its snapshots.</summary>
    public static async Task ShowAsync(CliContext context, ThawExtensionsClient thaw, FunctionConfiguration version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(thaw);
        ArgumentNullException.ThrowIfNull(version);
        context.Out.Write(FunctionTables.Details(version));
        if (version.SnapStart?.ApplyOn != WireNames.SnapStartPublishedVersions || version.FunctionName is null)
        {
            return;
        }

        try
        {
            var snapshots = await thaw.ListSnapshotsAsync(version.FunctionName, version.Version, cancellationToken);
            context.Out.MarkupLine($"[bold]Snapshots of version {Markup.Escape(version.Version ?? "?")}[/] ({snapshots.Count}):");
            context.Out.Write(SnapshotTables.List(snapshots));
        }
        catch (LambdaApiException e)
        {
            context.Error.MarkupLine($"[yellow]warning:[/] the host did not list the snapshots ({Markup.Escape(e.ErrorType)}: {Markup.Escape(e.Message)}).");
        }
    }
}
