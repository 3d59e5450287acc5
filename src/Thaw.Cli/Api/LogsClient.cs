using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Api;

/// <summary>CloudWatch Logs Insights over awsJson1.1 (<c>POST /</c>, <c>X-Amz-Target: Logs_20140328.*</c>).</summary>
internal sealed class LogsClient(HostConnection connection, TimeProvider time, TimeSpan pollInterval)
{
    public Task<StartQueryResponse> StartQueryAsync(StartQueryRequest request, CancellationToken cancellationToken) =>
        connection.SendJsonAsync(
            HttpMethod.Post,
            "/",
            HostConnection.JsonContent(request, LogsJsonContext.Default.StartQueryRequest, WireNames.ContentTypeAmzJson11),
            LogsJsonContext.Default.StartQueryResponse,
            cancellationToken,
            WireNames.LogsTargetPrefix + WireNames.LogsStartQuery);

    public Task<GetQueryResultsResponse> GetQueryResultsAsync(string queryId, CancellationToken cancellationToken) =>
        connection.SendJsonAsync(
            HttpMethod.Post,
            "/",
            HostConnection.JsonContent(new GetQueryResultsRequest { QueryId = queryId }, LogsJsonContext.Default.GetQueryResultsRequest, WireNames.ContentTypeAmzJson11),
            LogsJsonContext.Default.GetQueryResultsResponse,
            cancellationToken,
            WireNames.LogsTargetPrefix + WireNames.LogsGetQueryResults);

    /// <summary>Starts a query and polls until it reaches a terminal status; fails unless that status is Complete.</summary>
    public async Task<GetQueryResultsResponse> RunQueryAsync(StartQueryRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = await StartQueryAsync(request, cancellationToken);
        if (string.IsNullOrEmpty(started.QueryId))
        {
            throw new LambdaApiException(System.Net.HttpStatusCode.OK, "InvalidResponse", "StartQuery returned no queryId.");
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                var results = await GetQueryResultsAsync(started.QueryId, linked.Token);
                if (results.Status is WireNames.QueryStatusComplete)
                {
                    return results;
                }

                if (results.Status is not (WireNames.QueryStatusScheduled or WireNames.QueryStatusRunning))
                {
                    throw new LambdaApiException(System.Net.HttpStatusCode.OK, "QueryFailed", $"The query ended with status {results.Status ?? "(none)"}.");
                }

                await Task.Delay(pollInterval, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The query did not complete within {timeout.TotalSeconds:0} s.");
        }
    }
}
