using System.Net;

namespace Thaw.Lambda.RuntimeSupport.Client;

/// <summary>The Runtime API answered a call with a non-success status.</summary>
public sealed class RuntimeApiClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RuntimeApiClientException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RuntimeApiClientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RuntimeApiClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal RuntimeApiClientException(string call, HttpStatusCode status, string body)
        : base(Describe(call, status, body)) => StatusCode = status;

    /// <summary>The HTTP status the Runtime API answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    private static string Describe(string call, HttpStatusCode status, string body) =>
        status == HttpStatusCode.InternalServerError
            ? $"{call}: Container error. Non-recoverable state. Runtime should exit promptly. {body}"
            : $"{call}: the Runtime API answered {(int)status} {status}. {body}";
}
