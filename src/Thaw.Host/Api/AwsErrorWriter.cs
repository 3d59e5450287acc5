using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Thaw.Host.Api;

/// <summary>Writes AWS rest-json errors: the code in <c>x-amzn-ErrorType</c>, a JSON body with <c>Type</c> and the message.</summary>
internal static class AwsErrorWriter
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    public static async Task WriteAsync(HttpContext context, LambdaApiException error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.Headers[ErrorTypeHeader] = error.Code;
        response.ContentType = "application/json";
        if (error.Code == LambdaErrorCodes.TooManyRequests)
        {
            response.Headers["Retry-After"] = "1";
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Type", error.StatusCode >= 500 ? "Service" : "User");
            w.WriteString(LambdaErrorCodes.UsesCapitalMessage(error.Code) ? "Message" : "message", error.Message);
            if (error.Reason is not null)
            {
                w.WriteString("Reason", error.Reason);
            }

            w.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }
}
