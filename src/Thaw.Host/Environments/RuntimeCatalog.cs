using Thaw.Host.Api;

namespace Thaw.Host.Environments;

/// <summary>The runtimes Thaw offers and how each starts inside an environment.</summary>
internal sealed class RuntimeCatalog
{
    public const string Dotnet10 = "dotnet10";
    public const string ProvidedAl2023 = "provided.al2023";
    public const string ProvidedAl2 = "provided.al2";

    private static readonly string[] Supported = [Dotnet10, ProvidedAl2023, ProvidedAl2];

    private readonly string _dotnet10Directory;

    public RuntimeCatalog(string dotnet10Directory)
    {
        _dotnet10Directory = dotnet10Directory;
    }

    public static void Validate(string? runtime)
    {
        if (runtime is null || !Supported.Contains(runtime, StringComparer.Ordinal))
        {
            throw LambdaApiException.InvalidParameter(
                $"Value {runtime ?? "null"} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Supported)}]");
        }
    }

    public static bool IsManaged(string runtime) => runtime == Dotnet10;

    /// <summary>argv of the runtime inside the environment, and the host directory to mount at /var/runtime.</summary>
    public (IReadOnlyList<string> Command, string? RuntimeDirectory) Launch(string runtime) => runtime switch
    {
        // The managed runtime is our RuntimeSupport, framework-dependent, run by the machine's dotnet host.
        Dotnet10 => (["/usr/bin/dotnet", "/var/runtime/Thaw.Lambda.RuntimeSupport.dll"], _dotnet10Directory),
        _ => (["/var/task/bootstrap"], null),
    };
}
