using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>
/// Resolves <c>Assembly::Namespace.Type::Method</c> under the task root during Init: loads the assembly, runs the
/// handler type's constructor (or its static constructor), picks the serializer, and builds the invoker.
/// </summary>
internal sealed class UserCodeLoader
{
    internal const BindingFlags HandlerMethodFlags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly string _handler;
    private readonly string _taskRoot;
    private readonly Func<string, Assembly> _loadAssembly;
    private HandlerInvoker? _invoker;

    public UserCodeLoader(string handler, string taskRoot)
        : this(handler, taskRoot, path => new FunctionLoadContext(path).LoadFromAssemblyPath(path))
    {
    }

    public UserCodeLoader(string handler, string taskRoot, Func<string, Assembly> loadAssembly)
    {
        _handler = handler;
        _taskRoot = taskRoot;
        _loadAssembly = loadAssembly;
    }

    public void Init()
    {
        var handler = HandlerString.Parse(_handler);
        var assembly = LoadAssembly(_taskRoot, handler.AssemblyName, _loadAssembly);
        var type = assembly.GetType(handler.TypeName, throwOnError: false)
            ?? throw new LambdaValidationException($"Unable to find type '{handler.TypeName}' in assembly '{handler.AssemblyName}'.");
        if (type.ContainsGenericParameters)
        {
            throw new LambdaValidationException($"The handler type '{handler.TypeName}' is an open generic type.");
        }

        var method = FindMethod(type, handler);
        var signature = HandlerSignature.Of(method, handler.ToString());
        var serializer = signature.NeedsSerializer ? CreateSerializer(method, assembly, handler) : null;
        var instance = method.IsStatic ? RunStaticConstructor(type) : Construct(type, handler);
        _invoker = new HandlerInvoker(method, instance, serializer, signature);
    }

    public Task<InvocationResponse> InvokeAsync(InvocationRequest invocation) =>
        (_invoker ?? throw new InvalidOperationException("The handler was not initialized.")).InvokeAsync(invocation);

    public static Assembly LoadAssembly(string taskRoot, string assemblyName, Func<string, Assembly> load)
    {
        var path = Path.Combine(taskRoot, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new LambdaValidationException(
                $"Could not find the specified handler assembly with the file name '{assemblyName}.dll'. The assembly should be located in the root of your uploaded .zip file ({taskRoot}).");
        }

        try
        {
            return load(path);
        }
        catch (BadImageFormatException e)
        {
            throw new LambdaValidationException($"Unable to load assembly '{assemblyName}': {e.Message}", e);
        }
    }

    private static MethodInfo FindMethod(Type type, HandlerString handler)
    {
        var candidates = new List<MethodInfo>();
        for (var current = type; current is not null && candidates.Count == 0; current = current.BaseType)
        {
            candidates.AddRange(current.GetMethods(HandlerMethodFlags).Where(m => m.Name == handler.MethodName && (m.IsPublic || current == type)));
        }

        return candidates.Count switch
        {
            0 => throw new LambdaValidationException($"Unable to find method '{handler.MethodName}' in type '{handler.TypeName}' from assembly '{handler.AssemblyName}'."),
            1 => candidates[0],
            _ => throw new LambdaValidationException($"The method '{handler.MethodName}' in type '{handler.TypeName}' is overloaded ({candidates.Count} overloads); a handler must name exactly one method."),
        };
    }

    private static ILambdaSerializer CreateSerializer(MethodInfo method, Assembly assembly, HandlerString handler)
    {
        var attribute = method.GetCustomAttribute<LambdaSerializerAttribute>() ?? assembly.GetCustomAttribute<LambdaSerializerAttribute>()
            ?? throw new LambdaValidationException(
                $"To use types other than System.IO.Stream as input/output parameters, the assembly or Lambda function should be annotated with {typeof(LambdaSerializerAttribute).FullName} (handler '{handler}').");
        var serializerType = attribute.SerializerType;
        if (!typeof(ILambdaSerializer).IsAssignableFrom(serializerType))
        {
            throw new LambdaValidationException($"The serializer {serializerType.FullName} does not implement {typeof(ILambdaSerializer).FullName}.");
        }

        if (serializerType.IsAbstract || serializerType.ContainsGenericParameters || serializerType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new LambdaValidationException($"The serializer {serializerType.FullName} must be a concrete type with a public parameterless constructor.");
        }

        return (ILambdaSerializer)Activator.CreateInstance(serializerType)!;
    }

    private static object? RunStaticConstructor(Type type)
    {
        try
        {
            RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        }
        catch (TypeInitializationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }

        return null;
    }

    private static object Construct(Type type, HandlerString handler)
    {
        if (type.IsAbstract || type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is null)
        {
            throw new LambdaValidationException(
                $"The handler type '{handler.TypeName}' must be a concrete class with a public parameterless constructor, or the handler method must be static.");
        }

        try
        {
            return Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The user's constructor threw: report its exception, as Amazon's runtime does.
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
