using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Thaw.Logs.Insights;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Api;

/// <summary>
/// The CloudWatch Logs API over awsJson1.1: <c>POST /</c>, operation in <c>X-Amz-Target: Logs_20140328.&lt;Op&gt;</c>.
/// Signatures are not checked (any credentials are accepted). Errors are HTTP 400 <c>{"__type": ..., "message": ...}</c>.
/// See LOGS-API.md beside this project for the operations and their sources.
/// </summary>
internal sealed partial class LogsApi(LogStore store, QueryManager queries, LogsOptions options, ILogger<LogsApi> logger)
{
    private TimeProvider Time => store.Time;

    public async Task HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var target = http.Request.Headers[LogsApiConstants.HeaderTarget].ToString();
        var buffer = new ArrayBufferWriter<byte>();
        var status = StatusCodes.Status200OK;
        string operation = target.StartsWith(LogsApiConstants.TargetPrefix, StringComparison.Ordinal) ? target[LogsApiConstants.TargetPrefix.Length..] : "";
        try
        {
            if (operation.Length == 0)
            {
                throw new LogsServiceException(LogsErrorTypes.UnknownOperation, $"Missing or unknown {LogsApiConstants.HeaderTarget} header '{target}'");
            }

            using var body = await ReadBodyAsync(http.Request, ct);
            await using var writer = new Utf8JsonWriter(buffer);
            await DispatchAsync(operation, new AwsJsonRequest(body.RootElement), writer, ct);
        }
        catch (LogsServiceException ex)
        {
            status = StatusCodes.Status400BadRequest;
            WriteError(buffer, ex.ErrorType, ex.Message, null);
        }
        catch (MalformedQueryException ex)
        {
            status = StatusCodes.Status400BadRequest;
            WriteError(buffer, LogsErrorTypes.MalformedQuery, ex.Message, ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Whatever goes wrong, the client gets an AWS-shaped error and the host keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogMessages.OperationFailed(logger, operation, ex);
            status = StatusCodes.Status500InternalServerError;
            WriteError(buffer, LogsErrorTypes.ServiceUnavailable, "The service cannot complete the request.", null);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = LogsApiConstants.ContentType;
        http.Response.Headers[LogsApiConstants.HeaderRequestId] = Guid.NewGuid().ToString();
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, ct);
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (memory.Length + read > LogsApiConstants.MaxRequestBytes)
            {
                throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The request body is too large");
            }

            memory.Write(chunk, 0, read);
        }

        if (memory.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }

        try
        {
            var document = JsonDocument.Parse(memory.GetBuffer().AsMemory(0, (int)memory.Length));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new LogsServiceException(LogsErrorTypes.Serialization, "The request body must be a JSON object");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new LogsServiceException(LogsErrorTypes.Serialization, $"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static void WriteError(ArrayBufferWriter<byte> buffer, string type, string message, MalformedQueryException? query)
    {
        buffer.Clear();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("__type", type);
        writer.WriteString("message", message);
        if (query is not null)
        {
            writer.WriteStartObject("queryCompileError");
            writer.WriteStartObject("location");
            writer.WriteNumber("startCharOffset", query.StartCharOffset);
            writer.WriteNumber("endCharOffset", query.EndCharOffset);
            writer.WriteEndObject();
            writer.WriteString("message", query.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private Task DispatchAsync(string operation, AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct) => operation switch
    {
        "CreateLogGroup" => CreateLogGroupAsync(request, writer, ct),
        "DeleteLogGroup" => DeleteLogGroupAsync(request, writer, ct),
        "DescribeLogGroups" => Sync(() => DescribeLogGroups(request, writer)),
        "CreateLogStream" => CreateLogStreamAsync(request, writer, ct),
        "DeleteLogStream" => DeleteLogStreamAsync(request, writer, ct),
        "DescribeLogStreams" => Sync(() => DescribeLogStreams(request, writer)),
        "PutRetentionPolicy" => PutRetentionPolicyAsync(request, writer, ct),
        "DeleteRetentionPolicy" => DeleteRetentionPolicyAsync(request, writer, ct),
        "PutLogEvents" => PutLogEventsAsync(request, writer, ct),
        "GetLogEvents" => Sync(() => GetLogEvents(request, writer)),
        "FilterLogEvents" => Sync(() => FilterLogEvents(request, writer, ct)),
        "StartQuery" => Sync(() => StartQuery(request, writer)),
        "GetQueryResults" => Sync(() => GetQueryResults(request, writer)),
        "StopQuery" => Sync(() => StopQuery(request, writer)),
        "DescribeQueries" => Sync(() => DescribeQueries(request, writer)),
        "GetLogRecord" => Sync(() => GetLogRecord(request, writer)),
        _ => throw new LogsServiceException(LogsErrorTypes.UnknownOperation, $"Thaw does not implement the operation {operation}"),
    };

    private static Task Sync(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static void Empty(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Resolves <c>logGroupName</c> xor <c>logGroupIdentifier</c> to an existing group.</summary>
    private GroupRecord RequireGroup(AwsJsonRequest request)
    {
        var name = request.String("logGroupName", 1, 512);
        var identifier = request.String("logGroupIdentifier", 1, 2048);
        if (name is not null && identifier is not null)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        var resolved = name ?? (identifier is null ? null : Arns.GroupName(identifier)) ?? throw AwsJsonRequest.Missing("logGroupName");
        return store.GetGroup(resolved) ?? throw LogStore.GroupNotFound();
    }

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]+$")]
    private static partial Regex GroupNamePattern();

    [GeneratedRegex(@"^[^:*]*$")]
    private static partial Regex StreamNamePattern();
}
