using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using Spectre.Console;

namespace Thaw.Cli.Commands.Version;

/// <summary><c>thaw version</c>.</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("version", "Show the version of thaw and of the .NET runtime it runs on.");
        command.SetAction(_ =>
        {
            context.Out.WriteLine($"thaw {InformationalVersion()} (.NET {Environment.Version}, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()})");
            return 0;
        });
        return command;
    }

    public static string InformationalVersion() =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
