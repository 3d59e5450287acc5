using System.Xml.Linq;
using Thaw.Cli.Api;
using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Deploy;

/// <summary>
/// Turns what the user points at into a zip: a .NET project directory is published (<c>dotnet publish -c Release</c>)
/// and its output zipped; any other directory is zipped as it is; a .zip is taken as it is.
/// </summary>
internal sealed class DeploymentPackager(CliContext context)
{
    /// <summary>How many lines of a failed build to show.</summary>
    public const int BuildLogLines = 40;

    public async Task<DeploymentPackage> PackageAsync(string path, Action<string>? progress, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path, context.CurrentDirectory);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"'{path}' is a file but not a .zip: give a directory (a .NET project or the files to deploy) or a .zip.");
            }

            var zip = await File.ReadAllBytesAsync(full, cancellationToken);
            var entries = ZipPackage.ListEntries(zip, path);
            return new DeploymentPackage(zip, entries, path, null, InferRuntime(entries), null);
        }

        if (!Directory.Exists(full))
        {
            throw new CliException($"'{path}' does not exist (looked in {context.CurrentDirectory}).");
        }

        var defaults = LambdaToolsDefaults.Load(full);
        var projects = Directory.GetFiles(full, "*.csproj");
        if (projects.Length > 1)
        {
            throw new CliException($"'{path}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName))}): point at a directory with one.");
        }

        if (projects.Length == 0)
        {
            progress?.Invoke($"Zipping {path}…");
            var zip = ZipPackage.CreateFromDirectory(full);
            var entries = ZipPackage.ListEntries(zip, path);
            return new DeploymentPackage(zip, entries, path, defaults, InferRuntime(entries), null);
        }

        var output = Directory.CreateTempSubdirectory("thaw-publish-");
        try
        {
            progress?.Invoke($"Building {Path.GetFileName(projects[0])} (dotnet publish -c Release)…");
            await PublishAsync(projects[0], output.FullName, cancellationToken);
            progress?.Invoke("Zipping the publish output…");
            var zip = ZipPackage.CreateFromDirectory(output.FullName);
            var entries = ZipPackage.ListEntries(zip, path);
            var runtime = InferRuntime(entries) ?? WireNames.RuntimeDotnet10;
            var handler = runtime == WireNames.RuntimeDotnet10 ? InferHandler(projects[0]) : null;
            return new DeploymentPackage(zip, entries, path, defaults, runtime, handler);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private async Task PublishAsync(string project, string output, CancellationToken cancellationToken)
    {
        var dotnet = DotnetLocator.Find(context);
        // No MSBuild nodes or compiler servers left running after thaw exits.
        string[] arguments = ["publish", project, "-c", "Release", "-o", output, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"];
        var result = await context.Processes.RunAsync(dotnet, arguments, Path.GetDirectoryName(project), cancellationToken);
        if (result.ExitCode != 0)
        {
            // dotnet writes build errors to stdout.
            var log = string.Join('\n', (result.StandardOutput + result.StandardError)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeLast(BuildLogLines));
            throw new CliException($"`dotnet {string.Join(' ', arguments)}` failed with exit code {result.ExitCode}:\n{log}");
        }
    }

    /// <summary>A root <c>bootstrap</c> means a custom runtime; a <c>*.runtimeconfig.json</c> means the managed .NET runtime.</summary>
    public static string? InferRuntime(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Contains(ZipPackage.BootstrapFileName, StringComparer.Ordinal))
        {
            return WireNames.RuntimeProvidedAl2023;
        }

        return entries.Any(e => !e.Contains('/', StringComparison.Ordinal) && e.EndsWith(".runtimeconfig.json", StringComparison.Ordinal))
            ? WireNames.RuntimeDotnet10
            : null;
    }

    /// <summary>
    /// An executable project (<c>OutputType Exe</c>) runs its own bootstrap loop, and Lambda's handler for it is the
    /// assembly name; a class library's handler (<c>Assembly::Type::Method</c>) cannot be guessed safely.
    /// </summary>
    public static string? InferHandler(string projectPath)
    {
        XDocument project;
        try
        {
            project = XDocument.Load(projectPath);
        }
        catch (System.Xml.XmlException e)
        {
            throw new CliException($"{projectPath} is not a valid project file: {e.Message}");
        }

        string? Property(string name) => project.Descendants().LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        var outputType = Property("OutputType");
        if (!string.Equals(outputType, "Exe", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Property("AssemblyName") is { Length: > 0 } assembly ? assembly : Path.GetFileNameWithoutExtension(projectPath);
    }
}
