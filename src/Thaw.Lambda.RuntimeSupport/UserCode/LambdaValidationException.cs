namespace Thaw.Lambda.RuntimeSupport;

/// <summary>The handler string, assembly, type, method or serializer is not usable; reported as an Init error.</summary>
public sealed class LambdaValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LambdaValidationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LambdaValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LambdaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
