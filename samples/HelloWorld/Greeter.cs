using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<HelloWorld.HelloWorldJsonContext>))]

namespace HelloWorld;

/// <summary>Greets the caller: <c>{"name":"Ada"}</c> → <c>{"message":"Hello, Ada!"}</c>.</summary>
public sealed class Greeter
{
    public static GreetingResponse FunctionHandler(GreetingRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = string.IsNullOrWhiteSpace(request?.Name) ? "world" : request.Name;
        context.Logger.LogInformation($"Greeting {name} from {context.FunctionName}");
        return new GreetingResponse($"Hello, {name}!");
    }
}
