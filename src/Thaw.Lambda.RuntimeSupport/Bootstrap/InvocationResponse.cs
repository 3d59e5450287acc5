namespace Thaw.Lambda.RuntimeSupport;

/// <summary>What a bootstrap handler returns: the response payload.</summary>
public sealed class InvocationResponse
{
    /// <summary>Wraps a payload stream that the bootstrap disposes after sending.</summary>
    public InvocationResponse(Stream outputStream)
        : this(outputStream, true)
    {
    }

    /// <summary>Wraps a payload stream.</summary>
    public InvocationResponse(Stream outputStream, bool disposeOutputStream)
    {
        OutputStream = outputStream;
        DisposeOutputStream = disposeOutputStream;
    }

    /// <summary>The response payload.</summary>
    public Stream OutputStream { get; }

    /// <summary>Whether the bootstrap disposes <see cref="OutputStream"/> after sending it.</summary>
    public bool DisposeOutputStream { get; }
}
