using System.CommandLine;
using Thaw.Cli.Commands.Demo;
using Thaw.Cli.Commands.Deploy;
using Thaw.Cli.Commands.Doctor;
using Thaw.Cli.Commands.Envs;
using Thaw.Cli.Commands.Functions;
using Thaw.Cli.Commands.Invoke;
using Thaw.Cli.Commands.Logs;
using Thaw.Cli.Commands.Publish;
using Thaw.Cli.Commands.Serve;
using Thaw.Cli.Commands.Snapshots;
using Thaw.Cli.Commands.Version;

namespace Thaw.Cli;

/// <summary>The <c>thaw</c> command tree.</summary>
internal static class CliApp
{
    /// <summary>How long Ctrl+C/SIGTERM waits for a command (notably <c>serve</c>) to finish cleanly.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("thaw: a self-hosted, AWS-Lambda-compatible function host whose cold starts are CRIU snapshot restores (SnapStart).");
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(DeployCommand.Create(context));
        root.Subcommands.Add(PublishCommand.Create(context));
        root.Subcommands.Add(InvokeCommand.Create(context));
        root.Subcommands.Add(FunctionsCommand.Create(context));
        root.Subcommands.Add(EnvsCommand.Create(context));
        root.Subcommands.Add(SnapshotsCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(VersionCommand.Create(context));

        // `logs` is written separately (Commands/Logs); it gets the same consoles and HTTP clients as the rest.
        root.Subcommands.Add(LogsCommand.Create(context.Out, context.Out.Profile.Out.Writer, context.Error.Profile.Out.Writer, context.CreateHttpClient));
        return root;
    }
}
