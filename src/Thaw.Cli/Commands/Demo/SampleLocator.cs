using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Demo;

/// <summary>Finds <c>samples/MacAddressProbe</c> from the current directory or the executable's, walking up to the repository.</summary>
internal static class SampleLocator
{
    public const string SampleRelativePath = "samples/MacAddressProbe";

    public static string Find(CliContext context, string? explicitDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (explicitDirectory is not null)
        {
            var full = Path.GetFullPath(explicitDirectory, context.CurrentDirectory);
            return Directory.Exists(full) ? full : throw new CliException($"--sample-dir: '{explicitDirectory}' does not exist.");
        }

        foreach (var start in new[] { context.CurrentDirectory, context.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SampleRelativePath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new CliException(
            $"Cannot find {SampleRelativePath} above {context.CurrentDirectory} or {context.BaseDirectory}: run thaw demo from the repository, or pass --sample-dir.");
    }
}
