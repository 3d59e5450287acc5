using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.RuntimeSupport.Bootstrap;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.UserCode;

// The dotnet10 managed runtime: `dotnet Thaw.Lambda.RuntimeSupport.dll [handler]`, handler defaulting to _HANDLER.
var environment = LambdaEnvironment.System;
var handler = args.Length > 0 ? args[0] : environment[LambdaEnvironment.VariableHandler] ?? string.Empty;
var taskRoot = environment[LambdaEnvironment.VariableTaskRoot] ?? "/var/task";

try
{
    if (handler.Length > 0 && HandlerString.IsExecutableAssembly(handler))
    {
        return await ExecutableAssemblyRunner.RunAsync(handler, taskRoot, args.Skip(1).ToArray());
    }

    var loader = new UserCodeLoader(handler, taskRoot);
    using var bootstrap = new LambdaBootstrap(loader.InvokeAsync, () =>
    {
        loader.Init();
        return Task.FromResult(true);
    });
    await bootstrap.RunAsync();
    return 0;
}
catch (Exception exception)
{
    // Already reported (init/error), or fatal to the environment (no Runtime API, a 5xx, the connection lost).
    Console.Error.WriteLine($"The runtime is exiting: {exception.Message}");
    return 1;
}
