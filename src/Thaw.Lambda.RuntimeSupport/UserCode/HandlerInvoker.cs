using System.Reflection;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>
/// Calls one resolved handler method: (TIn, ILambdaContext) / (TIn) / () with TIn a Stream or a serialized type,
/// returning void, Task, T, Task&lt;T&gt; or a Stream.
/// </summary>
internal sealed class HandlerInvoker
{
    private readonly MethodInfo _method;
    private readonly object? _instance;
    private readonly int _parameterCount;
    private readonly Func<ILambdaSerializer, Stream, object?>? _deserialize;
    private readonly Action<ILambdaSerializer, object?, Stream>? _serialize;
    private readonly Func<Task, object?>? _resultOf;
    private readonly bool _returnsTask;
    private readonly bool _returnsStream;
    private readonly ILambdaSerializer? _serializer;

    public HandlerInvoker(MethodInfo method, object? instance, ILambdaSerializer? serializer, HandlerSignature signature)
    {
        _method = method;
        _instance = instance;
        _serializer = serializer;
        _parameterCount = method.GetParameters().Length;
        _returnsTask = signature.ReturnsTask;
        _returnsStream = signature.ReturnsStream;
        if (signature.InputType is { } input && input != typeof(Stream))
        {
            _deserialize = Adapter<Func<ILambdaSerializer, Stream, object?>>(nameof(TypedAdapters.Deserialize), input);
        }

        if (signature.OutputType is { } output && !signature.ReturnsStream)
        {
            _serialize = Adapter<Action<ILambdaSerializer, object?, Stream>>(nameof(TypedAdapters.Serialize), output);
        }

        if (signature.ReturnsTask && signature.OutputType is { } taskResult)
        {
            _resultOf = Adapter<Func<Task, object?>>(nameof(TypedAdapters.ResultOf), taskResult);
        }
    }

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation)
    {
        object? input = _parameterCount == 0 ? null
            : _deserialize is null ? invocation.InputStream
            : _deserialize(_serializer!, invocation.InputStream);
        object?[] arguments = _parameterCount switch
        {
            0 => [],
            1 => [input],
            _ => [input, invocation.LambdaContext],
        };

        // DoNotWrapExceptions: the error JSON must name the user's exception, not TargetInvocationException.
        var returned = _method.Invoke(_instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        object? result = returned;
        if (_returnsTask)
        {
            var task = returned as Task ?? throw new InvalidOperationException($"The handler {_method.DeclaringType?.FullName}::{_method.Name} returned a null Task.");
            await task;
            result = _resultOf?.Invoke(task);
        }

        if (_returnsStream)
        {
            return new InvocationResponse(result as Stream ?? new MemoryStream(), disposeOutputStream: true);
        }

        var output = new MemoryStream();
        if (_serialize is not null)
        {
            _serialize(_serializer!, result, output);
            output.Position = 0;
        }

        return new InvocationResponse(output, disposeOutputStream: true);
    }

    private static TDelegate Adapter<TDelegate>(string name, Type type)
        where TDelegate : Delegate =>
        typeof(TypedAdapters).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(type).CreateDelegate<TDelegate>();
}
