using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Bootstrap;

namespace Thaw.Lambda.RuntimeSupport;

/// <summary>
/// Builds a <see cref="LambdaBootstrap"/> for an executable function (a custom runtime's <c>bootstrap</c>, or
/// <c>_HANDLER</c> naming an assembly): <c>await LambdaBootstrapBuilder.Create(handler, serializer).Build().RunAsync();</c>
/// </summary>
public sealed class LambdaBootstrapBuilder
{
    private readonly LambdaBootstrapHandler _handler;
    private HttpClient? _httpClient;
    private LambdaBootstrapInitializer? _initializer;

    private LambdaBootstrapBuilder(LambdaBootstrapHandler handler) => _handler = handler;

    /// <summary>Stream in, stream out.</summary>
    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(HandlerWrapper.Stream(handler));
    }

    /// <summary>Stream in, stream out, synchronous.</summary>
    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Stream> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(HandlerWrapper.Stream((input, context) => Task.FromResult(handler(input, context))));
    }

    /// <summary>A raw bootstrap handler.</summary>
    public static LambdaBootstrapBuilder Create(LambdaBootstrapHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(handler);
    }

    /// <summary>Typed input and output, asynchronous.</summary>
    public static LambdaBootstrapBuilder Create<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(HandlerWrapper.Typed(handler, serializer));
    }

    /// <summary>Typed input and output.</summary>
    public static LambdaBootstrapBuilder Create<TIn, TOut>(Func<TIn, ILambdaContext, TOut> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(HandlerWrapper.Typed<TIn, TOut>((input, context) => Task.FromResult(handler(input, context)), serializer));
    }

    /// <summary>Typed input and output, without the context.</summary>
    public static LambdaBootstrapBuilder Create<TIn, TOut>(Func<TIn, TOut> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(HandlerWrapper.Typed<TIn, TOut>((input, _) => Task.FromResult(handler(input)), serializer));
    }

    /// <summary>Typed input, no output, asynchronous.</summary>
    public static LambdaBootstrapBuilder Create<TIn>(Func<TIn, ILambdaContext, Task> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(HandlerWrapper.Typed(handler, serializer));
    }

    /// <summary>Typed input, no output.</summary>
    public static LambdaBootstrapBuilder Create<TIn>(Action<TIn, ILambdaContext> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new(HandlerWrapper.Typed<TIn>((input, context) =>
        {
            handler(input, context);
            return Task.CompletedTask;
        }, serializer));
    }

    /// <summary>Uses this HTTP client for the Runtime API (its timeout is set to 12 h).</summary>
    public LambdaBootstrapBuilder UseHttpClient(HttpClient httpClient)
    {
        _httpClient = httpClient;
        return this;
    }

    /// <summary>Runs this during Init, before the SnapStart phase; returning false ends the runtime.</summary>
    public LambdaBootstrapBuilder UseBootstrapHandler(LambdaBootstrapInitializer initializer)
    {
        _initializer = initializer;
        return this;
    }

    /// <summary>Builds the bootstrap.</summary>
    public LambdaBootstrap Build() =>
        _httpClient is null ? new LambdaBootstrap(_handler, _initializer) : new LambdaBootstrap(_httpClient, _handler, _initializer);
}
