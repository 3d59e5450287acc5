using System.Reflection;
using Thaw.Lambda.RuntimeSupport.UserCode;

namespace Thaw.Lambda.RuntimeSupport.Bootstrap;

/// <summary>
/// <c>_HANDLER</c> without <c>::</c> names an executable assembly: its entry point runs its own
/// <see cref="LambdaBootstrap"/>, sharing this process's SDK assemblies.
/// </summary>
internal static class ExecutableAssemblyRunner
{
    public static async Task<int> RunAsync(string assemblyName, string taskRoot, string[] args)
    {
        var assembly = UserCodeLoader.LoadAssembly(taskRoot, assemblyName, path => new FunctionLoadContext(path).LoadFromAssemblyPath(path));
        var entryPoint = assembly.EntryPoint
            ?? throw new LambdaValidationException($"The assembly '{assemblyName}' has no entry point; name a handler as ASSEMBLY::TYPE::METHOD instead.");
        object?[] arguments = entryPoint.GetParameters().Length == 0 ? [] : [args];
        var result = entryPoint.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        switch (result)
        {
            case Task<int> withCode:
                return await withCode;
            case Task task:
                await task;
                return 0;
            case int code:
                return code;
            default:
                return 0;
        }
    }
}
