using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Thaw.Host.Api;
using Thaw.Host.Api.Model;
using Thaw.Host.Environments;
using Thaw.Host.Invocation;

namespace Thaw.Host.ControlPlane;

/// <summary>
/// The Lambda REST API (rest-json, apiVersion 2015-03-31) as the AWS CLI and SDKs call it with <c>--endpoint-url</c>.
/// Paths, status codes and shapes follow botocore's lambda service-2.json (see docs/lambda-api.md).
/// </summary>
internal static class LambdaApiEndpoints
{
    public const string InvocationTypeHeader = "X-Amz-Invocation-Type";
    public const string LogTypeHeader = "X-Amz-Log-Type";
    public const string ClientContextHeader = "X-Amz-Client-Context";
    public const string FunctionErrorHeader = "X-Amz-Function-Error";
    public const string LogResultHeader = "X-Amz-Log-Result";
    public const string ExecutedVersionHeader = "X-Amz-Executed-Version";

    /// <summary>Synchronous invoke payload limit (6 MB).</summary>
    public const int MaxSyncPayload = 6 * 1024 * 1024;

    /// <summary>Asynchronous invoke payload limit (1 MB).</summary>
    public const int MaxAsyncPayload = 1024 * 1024;

    private static LambdaJsonContext Json => LambdaJsonContext.Default;

    public static IEndpointRouteBuilder MapLambdaApi(this IEndpointRouteBuilder app)
    {
        var fns = app.MapGroup("/2015-03-31/functions");
        fns.MapPost("/", async (HttpContext c, FunctionService s) =>
            await WriteAsync(c, 201, await s.CreateAsync(await RequestBody.ReadJsonAsync(c.Request, Json.CreateFunctionRequest, allowEmpty: false)), Json.FunctionConfiguration));
        fns.MapGet("/", (HttpContext c, FunctionService s) =>
        {
            var all = s.List().Select(s.Describe).ToList();
            var (page, next) = Page(all, c.Request.Query["Marker"], c.Request.Query["MaxItems"]);
            return WriteAsync(c, 200, new ListFunctionsResponse(page, next), Json.ListFunctionsResponse);
        });
        fns.MapGet("/{name}", (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, q) = Name(name, c);
            var config = Configuration(s, fn, q);
            var reserved = s.GetConcurrency(fn);
            var f = s.Get(fn);
            var location = $"{c.Request.Scheme}://{c.Request.Host}/thaw/v1/code/{f.CodeKey}.zip";
            return WriteAsync(c, 200, new GetFunctionResponse(config, new FunctionCodeLocation("S3", location), reserved is null ? null : new ConcurrencyResponse { ReservedConcurrentExecutions = reserved }), Json.GetFunctionResponse);
        });
        fns.MapDelete("/{name}", async (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, q) = Name(name, c);
            await s.DeleteAsync(fn, q);
            c.Response.StatusCode = 204;
        });
        fns.MapGet("/{name}/configuration", (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, q) = Name(name, c);
            return WriteAsync(c, 200, Configuration(s, fn, q), Json.FunctionConfiguration);
        });
        fns.MapPut("/{name}/configuration", async (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.UpdateFunctionConfigurationRequest, allowEmpty: true);
            await WriteAsync(c, 200, await s.UpdateConfigurationAsync(fn, body), Json.FunctionConfiguration);
        });
        fns.MapPut("/{name}/code", async (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.UpdateFunctionCodeRequest, allowEmpty: false);
            await WriteAsync(c, 200, await s.UpdateCodeAsync(fn, body), Json.FunctionConfiguration);
        });
        fns.MapPost("/{name}/versions", async (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.PublishVersionRequest, allowEmpty: true);
            await WriteAsync(c, 201, await s.PublishAsync(fn, body), Json.FunctionConfiguration);
        });
        fns.MapGet("/{name}/versions", (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var (page, next) = Page(s.ListVersions(fn), c.Request.Query["Marker"], c.Request.Query["MaxItems"]);
            return WriteAsync(c, 200, new ListVersionsResponse(page, next), Json.ListVersionsResponse);
        });
        fns.MapPost("/{name}/aliases", async (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.AliasRequest, allowEmpty: false);
            await WriteAsync(c, 201, await s.CreateAliasAsync(fn, body), Json.AliasConfiguration);
        });
        fns.MapGet("/{name}/aliases", (HttpContext c, string name, FunctionService s) =>
        {
            var (fn, _) = Name(name, c);
            var (page, next) = Page(s.ListAliases(fn), c.Request.Query["Marker"], c.Request.Query["MaxItems"]);
            return WriteAsync(c, 200, new ListAliasesResponse(page, next), Json.ListAliasesResponse);
        });
        fns.MapGet("/{name}/aliases/{alias}", (HttpContext c, string name, string alias, FunctionService s) =>
            WriteAsync(c, 200, s.Describe(s.GetAlias(Name(name, c).Name, alias)), Json.AliasConfiguration));
        fns.MapPut("/{name}/aliases/{alias}", async (HttpContext c, string name, string alias, FunctionService s) =>
        {
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.AliasRequest, allowEmpty: true);
            await WriteAsync(c, 200, await s.UpdateAliasAsync(Name(name, c).Name, alias, body), Json.AliasConfiguration);
        });
        fns.MapDelete("/{name}/aliases/{alias}", async (HttpContext c, string name, string alias, FunctionService s) =>
        {
            await s.DeleteAliasAsync(Name(name, c).Name, alias);
            c.Response.StatusCode = 204;
        });
        fns.MapPost("/{name}/invocations", InvokeAsync);

        app.MapPut("/2017-10-31/functions/{name}/concurrency", async (HttpContext c, string name, FunctionService s) =>
        {
            var body = await RequestBody.ReadJsonAsync(c.Request, Json.ConcurrencyResponse, allowEmpty: false);
            var value = await s.PutConcurrencyAsync(Name(name, c).Name, body.ReservedConcurrentExecutions);
            await WriteAsync(c, 200, new ConcurrencyResponse { ReservedConcurrentExecutions = value }, Json.ConcurrencyResponse);
        });
        app.MapDelete("/2017-10-31/functions/{name}/concurrency", async (HttpContext c, string name, FunctionService s) =>
        {
            await s.DeleteConcurrencyAsync(Name(name, c).Name);
            c.Response.StatusCode = 204;
        });
        app.MapGet("/2019-09-30/functions/{name}/concurrency", (HttpContext c, string name, FunctionService s) =>
            WriteAsync(c, 200, new ConcurrencyResponse { ReservedConcurrentExecutions = s.GetConcurrency(Name(name, c).Name) }, Json.ConcurrencyResponse));
        return app;
    }

    private static async Task InvokeAsync(HttpContext c, string name, FunctionService s, Invoker invoker, AsyncInvocationQueue queue)
    {
        var (fn, qualifier) = Name(name, c);
        var type = c.Request.Headers[InvocationTypeHeader].ToString() is { Length: > 0 } t ? t : "RequestResponse";
        if (type is not ("RequestResponse" or "Event" or "DryRun"))
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }

        var logType = c.Request.Headers[LogTypeHeader].ToString();
        if (logType is { Length: > 0 } and not ("None" or "Tail"))
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]");
        }

        var payload = await RequestBody.ReadBytesAsync(c.Request, type == "Event" ? MaxAsyncPayload : MaxSyncPayload, type == "Event" ? "InvokeAsync" : "InvokeFunction");
        payload = ValidatePayload(payload);
        var target = s.Resolve(fn, qualifier);
        switch (type)
        {
            case "DryRun":
                c.Response.StatusCode = 204;
                return;
            case "Event":
                var id = queue.Enqueue(fn, qualifier ?? FunctionKey.Latest, payload);
                c.Response.Headers[AwsErrorWriter.RequestIdHeader] = id;
                c.Response.StatusCode = 202;
                return;
            default:
                break;
        }

        var clientContext = c.Request.Headers[ClientContextHeader].ToString();
        var result = await invoker.InvokeAsync(target, payload, clientContext.Length > 0 ? DecodeClientContext(clientContext) : null, logType == "Tail", c.RequestAborted);
        c.Response.StatusCode = 200;
        c.Response.Headers[AwsErrorWriter.RequestIdHeader] = result.RequestId;
        c.Response.Headers[ExecutedVersionHeader] = result.ExecutedVersion;
        if (result.FunctionError is not null)
        {
            c.Response.Headers[FunctionErrorHeader] = result.FunctionError;
        }

        if (result.LogTail is not null)
        {
            c.Response.Headers[LogResultHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(result.LogTail));
        }

        c.Response.ContentType = "application/json";
        await c.Response.Body.WriteAsync(result.Payload, c.RequestAborted);
    }

    /// <summary>Lambda accepts only JSON events; an empty body is the event <c>{}</c>.</summary>
    private static byte[] ValidatePayload(byte[] payload)
    {
        if (payload.AsSpan().Trim(" \r\n\t"u8).IsEmpty)
        {
            return "{}"u8.ToArray();
        }

        try
        {
            using var _ = JsonDocument.Parse(payload);
            return payload;
        }
        catch (JsonException ex)
        {
            throw new LambdaApiException(LambdaErrorCodes.InvalidRequestContent, $"Could not parse request body into json: Could not parse payload into json: {ex.Message}");
        }
    }

    private static string DecodeClientContext(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw LambdaApiException.InvalidParameter("Client context must be a valid Base64-encoded JSON object.");
        }
    }

    private static FunctionConfiguration Configuration(FunctionService s, string name, string? qualifier)
    {
        if (qualifier is null or FunctionKey.Latest)
        {
            return s.Describe(s.Get(name));
        }

        if (qualifier.All(char.IsAsciiDigit))
        {
            s.Get(name);
            return s.Describe(s.GetVersion(name, qualifier));
        }

        var alias = s.GetAlias(name, qualifier);
        return alias.FunctionVersion == FunctionKey.Latest ? s.Describe(s.Get(name)) : s.Describe(s.GetVersion(name, alias.FunctionVersion));
    }

    /// <summary>Parses the FunctionName path segment (name, partial or full ARN, optionally qualified) and the Qualifier query.</summary>
    private static (string Name, string? Qualifier) Name(string raw, HttpContext c)
    {
        var parsed = Arns.ParseFunctionName(Uri.UnescapeDataString(raw))
            ?? throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        var query = c.Request.Query["Qualifier"].ToString();
        if (query.Length > 0)
        {
            if (!Arns.IsValidQualifier(query))
            {
                throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{query}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
            }

            if (parsed.Qualifier is not null && parsed.Qualifier != query)
            {
                throw LambdaApiException.InvalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
            }

            return (parsed.Name, query);
        }

        return parsed;
    }

    private static (IReadOnlyList<T> Page, string? Next) Page<T>(IReadOnlyList<T> all, string? marker, string? maxItems)
    {
        var start = int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var size = int.TryParse(maxItems, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10000 ? n : 50;
        var page = all.Skip(start).Take(size).ToList();
        return (page, start + size < all.Count ? (start + size).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static async Task WriteAsync<T>(HttpContext c, int status, T value, JsonTypeInfo<T> type)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(c.Response.Body, value, type, c.RequestAborted);
    }
}
