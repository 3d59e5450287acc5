namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>The payload could not be read as the handler's input type, or the result could not be written.</summary>
public sealed class JsonSerializerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonSerializerException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonSerializerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JsonSerializerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
