using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport;

/// <summary>One invocation as read from <c>GET /runtime/invocation/next</c>.</summary>
public sealed class InvocationRequest : IDisposable
{
    internal InvocationRequest(Stream inputStream, ILambdaContext lambdaContext)
    {
        InputStream = inputStream;
        LambdaContext = lambdaContext;
    }

    /// <summary>The event payload.</summary>
    public Stream InputStream { get; }

    /// <summary>The invocation's context.</summary>
    public ILambdaContext LambdaContext { get; }

    /// <inheritdoc />
    public void Dispose() => InputStream.Dispose();
}
