using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Bootstrap;

/// <summary>Turns typed handler delegates into a <see cref="LambdaBootstrapHandler"/>.</summary>
internal static class HandlerWrapper
{
    public static LambdaBootstrapHandler Stream(Func<Stream, ILambdaContext, Task<Stream>> handler) =>
        async invocation => new InvocationResponse(await handler(invocation.InputStream, invocation.LambdaContext));

    public static LambdaBootstrapHandler Typed<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, ILambdaSerializer serializer) =>
        async invocation =>
        {
            var input = serializer.Deserialize<TIn>(invocation.InputStream);
            var output = await handler(input, invocation.LambdaContext);
            var stream = new MemoryStream();
            serializer.Serialize(output, stream);
            stream.Position = 0;
            return new InvocationResponse(stream);
        };

    public static LambdaBootstrapHandler Typed<TIn>(Func<TIn, ILambdaContext, Task> handler, ILambdaSerializer serializer) =>
        async invocation =>
        {
            var input = serializer.Deserialize<TIn>(invocation.InputStream);
            await handler(input, invocation.LambdaContext);
            return new InvocationResponse(new MemoryStream());
        };
}
