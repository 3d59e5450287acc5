using System.Reflection;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>The shape of a handler method, checked against what Amazon's runtime accepts.</summary>
internal sealed record HandlerSignature(Type? InputType, Type? OutputType, bool ReturnsTask, bool ReturnsStream)
{
    /// <summary>Whether a serializer is needed: any input or output other than a Stream.</summary>
    public bool NeedsSerializer =>
        (InputType is not null && InputType != typeof(Stream)) || (OutputType is not null && !ReturnsStream);

    public static HandlerSignature Of(MethodInfo method, string handler)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new LambdaValidationException($"The handler method '{handler}' is generic; a handler must be a non-generic method.");
        }

        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new LambdaValidationException($"The handler method '{handler}' has {parameters.Length} parameters; a handler takes at most two (input, ILambdaContext).");
        }

        if (parameters.Length == 2 && parameters[1].ParameterType != typeof(ILambdaContext))
        {
            throw new LambdaValidationException($"The second parameter of the handler method '{handler}' is {parameters[1].ParameterType.FullName}; it must be {typeof(ILambdaContext).FullName}.");
        }

        if (parameters.Any(p => p.ParameterType.IsByRef || p.ParameterType.ContainsGenericParameters))
        {
            throw new LambdaValidationException($"The handler method '{handler}' has a by-reference or open generic parameter.");
        }

        var input = parameters.Length >= 1 ? parameters[0].ParameterType : null;
        var returnType = method.ReturnType;
        if (returnType == typeof(void))
        {
            return new HandlerSignature(input, null, false, false);
        }

        if (returnType == typeof(Task))
        {
            return new HandlerSignature(input, null, true, false);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetGenericArguments()[0];
            return new HandlerSignature(input, result, true, typeof(Stream).IsAssignableFrom(result));
        }

        if (returnType == typeof(ValueTask) || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            throw new LambdaValidationException($"The handler method '{handler}' returns {returnType.Name}; return Task or Task<T> instead (as with Amazon's runtime).");
        }

        return new HandlerSignature(input, returnType, false, typeof(Stream).IsAssignableFrom(returnType));
    }
}
