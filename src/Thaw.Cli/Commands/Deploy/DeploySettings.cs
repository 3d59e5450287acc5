using Thaw.Cli.Api;
using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Deploy;

/// <summary>The function configuration to send: flags first, then aws-lambda-tools-defaults.json, then what the package implies.</summary>
internal sealed record DeploySettings(
    string Runtime,
    string Handler,
    int? MemorySize,
    int? Timeout,
    IReadOnlyDictionary<string, string> Environment)
{
    public const int MinMemory = 128;
    public const int MaxMemory = 10240;
    public const int MinTimeout = 1;
    public const int MaxTimeout = 900;

    public static DeploySettings Resolve(DeployOptions options, DeploymentPackage package)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(package);
        var defaults = package.Defaults;
        var runtime = options.Runtime ?? defaults?.Runtime ?? package.InferredRuntime
            ?? throw new CliException(
                $"Cannot tell the runtime of {package.Source}: pass --runtime {WireNames.RuntimeDotnet10} (with --handler Assembly::Namespace.Type::Method) "
                + $"or --runtime {WireNames.RuntimeProvidedAl2023} (with an executable named bootstrap), or add \"function-runtime\" to {LambdaToolsDefaults.FileName}.");
        var isCustom = runtime.StartsWith("provided", StringComparison.Ordinal);
        if (isCustom && !package.Entries.Contains(ZipPackage.BootstrapFileName, StringComparer.Ordinal))
        {
            throw new CliException($"The runtime {runtime} runs an executable named bootstrap at the root of the package, and {package.Source} has none.");
        }

        var handler = options.Handler ?? defaults?.Handler ?? package.InferredHandler ?? (isCustom ? ZipPackage.BootstrapFileName : null)
            ?? throw new CliException(
                $"Cannot tell the handler of {package.Source}: pass --handler Assembly::Namespace.Type::Method, "
                + $"or add \"function-handler\" to {LambdaToolsDefaults.FileName} next to the project.");

        var memory = options.MemorySize ?? defaults?.MemorySize;
        if (memory is { } m && (m < MinMemory || m > MaxMemory))
        {
            throw new CliException($"Memory size {m} MB is outside Lambda's range {MinMemory}–{MaxMemory} MB ({LambdaToolsDefaults.FileName}).");
        }

        var timeout = options.Timeout ?? defaults?.Timeout;
        if (timeout is { } t && (t < MinTimeout || t > MaxTimeout))
        {
            throw new CliException($"Timeout {t} s is outside Lambda's range {MinTimeout}–{MaxTimeout} s ({LambdaToolsDefaults.FileName}).");
        }

        var environment = new Dictionary<string, string>(defaults?.EnvironmentVariables ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in options.Environment)
        {
            environment[key] = value;
        }

        return new DeploySettings(runtime, handler, memory, timeout, environment);
    }
}
