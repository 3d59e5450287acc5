using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Thaw.Host.Api;

/// <summary>Turns every failure of a Lambda API request into an AWS error response; the host never crashes on bad input.</summary>
internal sealed partial class LambdaErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<LambdaErrorMiddleware> _logger;

    public LambdaErrorMiddleware(RequestDelegate next, ILogger<LambdaErrorMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Response.Headers.ContainsKey(AwsErrorWriter.RequestIdHeader))
        {
            context.Response.Headers[AwsErrorWriter.RequestIdHeader] = Guid.NewGuid().ToString();
        }

        try
        {
            await _next(context);
        }
        catch (LambdaApiException ex) when (!context.Response.HasStarted)
        {
            await AwsErrorWriter.WriteAsync(context, ex);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var code = ex.StatusCode == 413 ? LambdaErrorCodes.RequestTooLarge : LambdaErrorCodes.InvalidRequestContent;
            await AwsErrorWriter.WriteAsync(context, new LambdaApiException(code, ex.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OutOfMemoryException)
        {
            LogUnhandled(_logger, ex, context.Request.Path);
            await AwsErrorWriter.WriteAsync(context, new LambdaApiException(LambdaErrorCodes.Service, "An internal error occurred: " + ex.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception ex, string path);
}
