using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Thaw.Host.Api;

/// <summary>Reads rest-json request bodies; malformed JSON becomes InvalidRequestContentException as on Lambda.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, string operation)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(limit, operation);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit, operation);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type, bool allowEmpty)
        where T : new()
    {
        var bytes = await ReadBytesAsync(request, 100L * 1024 * 1024, "request");
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \r\n\t"u8).IsEmpty)
        {
            return allowEmpty ? new T() : throw new LambdaApiException(LambdaErrorCodes.InvalidRequestContent, "Could not parse request body into json: No content to map due to end-of-input");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? new T();
        }
        catch (JsonException ex)
        {
            throw new LambdaApiException(LambdaErrorCodes.InvalidRequestContent, $"Could not parse request body into json: {ex.Message}");
        }
    }

    private static LambdaApiException TooLarge(long limit, string operation) =>
        new(LambdaErrorCodes.RequestTooLarge, $"Request must be smaller than {limit} bytes for the {operation} operation");
}
