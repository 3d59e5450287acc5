using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Thaw.Logs.Api;

namespace Thaw.Logs;

public static class LogsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the CloudWatch Logs API (awsJson1.1) at <c>POST /</c>; the operation comes from the
    /// <c>X-Amz-Target: Logs_20140328.&lt;Operation&gt;</c> header. Requires <see cref="LogsServiceCollectionExtensions.AddThawLogs"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapLogsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost("/", context => context.RequestServices.GetRequiredService<LogsApi>().HandleAsync(context))
            .WithDisplayName("CloudWatch Logs API");
    }
}
