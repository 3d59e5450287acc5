namespace Thaw.Cli.Common;

/// <summary>Finds the <c>dotnet</c> driver to run <c>dotnet publish</c> and <c>dotnet --version</c> with.</summary>
internal static class DotnetLocator
{
    public static string Find(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Set by the SDK when thaw runs under `dotnet run`/`dotnet thaw.dll`; the same driver then builds the functions.
        if (context.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        if (context.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return "dotnet";
    }
}
