using System.Reflection;
using System.Runtime.Loader;

namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>
/// Loads the function from <c>LAMBDA_TASK_ROOT</c> with the dependencies its deps.json names, except the SDK
/// assemblies the runtime itself carries (Thaw.Lambda.*): those resolve to the runtime's copies, so the function
/// and the runtime share one <c>SnapshotRestore</c> registry, one <c>ILambdaContext</c> type, one logger.
/// </summary>
internal sealed class FunctionLoadContext : AssemblyLoadContext
{
    internal const string SharedPrefix = "Thaw.Lambda.";
    internal const string TrustedPlatformAssemblies = "TRUSTED_PLATFORM_ASSEMBLIES";

    private readonly AssemblyDependencyResolver _resolver;
    private readonly HashSet<string> _shared;

    public FunctionLoadContext(string mainAssemblyPath)
        : base("Function", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _shared = RuntimeOwnedAssemblies();
    }

    public static HashSet<string> RuntimeOwnedAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tpa = AppContext.GetData(TrustedPlatformAssemblies) as string ?? string.Empty;
        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith(SharedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        foreach (var loaded in Default.Assemblies)
        {
            if (loaded.GetName().Name is { } name && name.StartsWith(SharedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _shared.Contains(name))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
