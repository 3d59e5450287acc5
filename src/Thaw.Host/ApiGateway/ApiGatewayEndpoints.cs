using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Thaw.Host.Api;
using Thaw.Host.ControlPlane;
using Thaw.Host.Invocation;

namespace Thaw.Host.ApiGateway;

/// <summary>
/// An API-Gateway-style front door: <c>ANY /apigw/{function[:qualifier]}/{proxy+}</c> becomes a REST API (v1) Lambda proxy
/// event, the function is invoked synchronously, and its proxy response becomes the HTTP response. Function errors
/// give 502 <c>{"message": "Internal server error"}</c> and throttles 429, as API Gateway answers.
/// </summary>
internal static class ApiGatewayEndpoints
{
    public const string Prefix = "/apigw";

    public static IEndpointRouteBuilder MapApiGateway(this IEndpointRouteBuilder app)
    {
        app.Map(Prefix + "/{function}/{**proxy}", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext c, string function, string? proxy, FunctionService functions, Invoker invoker, ServerOptions options)
    {
        var parsed = Arns.ParseFunctionName(Uri.UnescapeDataString(function));
        if (parsed is null)
        {
            await MessageAsync(c, 404, "Not Found");
            return;
        }

        var body = await RequestBody.ReadBytesAsync(c.Request, 10 * 1024 * 1024, "API Gateway");
        var requestId = Guid.NewGuid().ToString();
        var evt = BuildEvent(c, parsed.Value.Name, "/" + (proxy ?? ""), body, requestId, options);
        InvocationResult result;
        try
        {
            var target = functions.Resolve(parsed.Value.Name, parsed.Value.Qualifier);
            result = await invoker.InvokeAsync(target, evt, null, false, c.RequestAborted);
        }
        catch (LambdaApiException ex) when (ex.Code == LambdaErrorCodes.ResourceNotFound)
        {
            await MessageAsync(c, 404, "Not Found");
            return;
        }
        catch (LambdaApiException ex) when (ex.Code == LambdaErrorCodes.TooManyRequests)
        {
            await MessageAsync(c, 429, "Rate Exceeded");
            return;
        }
        catch (LambdaApiException)
        {
            await MessageAsync(c, 500, "Internal server error");
            return;
        }

        c.Response.Headers["x-amzn-RequestId"] = requestId;
        if (result.FunctionError is not null)
        {
            await MessageAsync(c, 502, "Internal server error");
            return;
        }

        await WriteProxyResponseAsync(c, result.Payload);
    }

    private static byte[] BuildEvent(HttpContext c, string function, string path, byte[] body, string requestId, ServerOptions options)
    {
        var req = c.Request;
        var isText = body.Length == 0 || IsUtf8Text(req.ContentType, body);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("resource", "/{proxy+}");
            w.WriteString("path", path);
            w.WriteString("httpMethod", req.Method);
            w.WriteStartObject("headers");
            foreach (var (k, v) in req.Headers)
            {
                w.WriteString(k, v.ToString());
            }

            w.WriteEndObject();
            w.WriteStartObject("multiValueHeaders");
            foreach (var (k, v) in req.Headers)
            {
                w.WriteStartArray(k);
                foreach (var s in v)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            if (req.Query.Count == 0)
            {
                w.WriteNull("queryStringParameters");
                w.WriteNull("multiValueQueryStringParameters");
            }
            else
            {
                w.WriteStartObject("queryStringParameters");
                foreach (var (k, v) in req.Query)
                {
                    w.WriteString(k, v.Count > 0 ? v[^1] : "");
                }

                w.WriteEndObject();
                w.WriteStartObject("multiValueQueryStringParameters");
                foreach (var (k, v) in req.Query)
                {
                    w.WriteStartArray(k);
                    foreach (var s in v)
                    {
                        w.WriteStringValue(s);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteStartObject("pathParameters");
            w.WriteString("proxy", path.TrimStart('/'));
            w.WriteEndObject();
            w.WriteNull("stageVariables");
            w.WriteStartObject("requestContext");
            w.WriteString("accountId", options.AccountId);
            w.WriteString("resourceId", "thaw01");
            w.WriteString("stage", "prod");
            w.WriteString("requestId", requestId);
            w.WriteString("resourcePath", "/{proxy+}");
            w.WriteString("httpMethod", req.Method);
            w.WriteString("apiId", "thaw" + function.Length.ToString(CultureInfo.InvariantCulture));
            w.WriteString("path", "/prod" + path);
            w.WriteString("protocol", req.Protocol);
            w.WriteNumber("requestTimeEpoch", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            w.WriteString("requestTime", DateTimeOffset.UtcNow.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            w.WriteStartObject("identity");
            w.WriteString("sourceIp", c.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            w.WriteString("userAgent", req.Headers.UserAgent.ToString());
            w.WriteEndObject();
            w.WriteEndObject();
            if (body.Length == 0)
            {
                w.WriteNull("body");
            }
            else
            {
                w.WriteString("body", isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            }

            w.WriteBoolean("isBase64Encoded", !isText);
            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    private static async Task WriteProxyResponseAsync(HttpContext c, byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || !status.TryGetInt32(out var code))
            {
                await MessageAsync(c, 502, "Internal server error");
                return;
            }

            c.Response.StatusCode = code;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in headers.EnumerateObject())
                {
                    c.Response.Headers[h.Name] = h.Value.ValueKind == JsonValueKind.String ? h.Value.GetString() : h.Value.GetRawText();
                }
            }

            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            {
                foreach (var h in multi.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.Array))
                {
                    c.Response.Headers[h.Name] = h.Value.EnumerateArray().Select(v => v.ToString()).ToArray();
                }
            }

            if (root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
            {
                var isBase64 = root.TryGetProperty("isBase64Encoded", out var b64) && b64.ValueKind == JsonValueKind.True;
                var bytes = isBase64 ? Convert.FromBase64String(body.GetString()!) : Encoding.UTF8.GetBytes(body.GetString()!);
                await c.Response.Body.WriteAsync(bytes, c.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            await MessageAsync(c, 502, "Internal server error");
        }
    }

    private static async Task MessageAsync(HttpContext c, int status, string message)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync($"{{\"message\":\"{message}\"}}", c.RequestAborted);
    }

    private static bool IsUtf8Text(string? contentType, byte[] body)
    {
        if (contentType is not null && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) || contentType.Contains("form-urlencoded", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        try
        {
            _ = new UTF8Encoding(false, true).GetString(body);
            return contentType is null;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
