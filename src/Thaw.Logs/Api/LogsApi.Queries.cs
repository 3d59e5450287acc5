using System.Globalization;
using System.Text.Json;
using Thaw.Logs.Insights;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Api;

/// <summary>StartQuery, GetQueryResults, StopQuery, DescribeQueries (Logs Insights).</summary>
internal sealed partial class LogsApi
{
    private const int MaxResultsPerPage = 10_000;

    // Epoch seconds beyond this are read as milliseconds: the AWS CLI's own start-query example passes milliseconds.
    private const long MillisecondsThreshold = 100_000_000_000;

    private void StartQuery(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var language = request.String("queryLanguage") ?? "CWLI";
        if (language != "CWLI")
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, $"Thaw supports only the CWLI query language, not {language}");
        }

        var queryString = request.String("queryString", 0, Parser.MaxQueryLength) ?? throw AwsJsonRequest.Missing("queryString");
        var startTime = request.Long("startTime", 0) ?? throw AwsJsonRequest.Missing("startTime");
        var endTime = request.Long("endTime", 0) ?? throw AwsJsonRequest.Missing("endTime");
        var limit = request.Int("limit", 1, QueryEngine.MaxLimit);
        var startMs = startTime >= MillisecondsThreshold ? startTime : startTime * 1000;
        var endMs = endTime >= MillisecondsThreshold ? endTime : (endTime * 1000) + 999;
        if (endMs < startMs)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "endTime is before startTime");
        }

        var query = Parser.Parse(queryString);
        var groups = ResolveQueryGroups(request, query);
        var execution = queries.Start(query, groups, startMs, endMs, limit);
        writer.WriteStartObject();
        writer.WriteString("queryId", execution.Id);
        writer.WriteEndObject();
    }

    private List<GroupRecord> ResolveQueryGroups(AwsJsonRequest request, ParsedQuery query)
    {
        var name = request.String("logGroupName", 1, 512);
        var names = request.Strings("logGroupNames", 0, 50);
        var identifiers = request.Strings("logGroupIdentifiers", 0, 50);
        var given = (name is null ? 0 : 1) + (names is null ? 0 : 1) + (identifiers is null ? 0 : 1);
        if (given > 1)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "Specify exactly one of logGroupName, logGroupNames and logGroupIdentifiers.");
        }

        if (given == 0)
        {
            if (query.Source is not { } source)
            {
                throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "Specify exactly one of logGroupName, logGroupNames and logGroupIdentifiers, or a SOURCE command.");
            }

            var all = store.ListGroups(null, null, null, int.MaxValue);
            return [.. all.Where(g =>
                (source.NamePrefixes.Count == 0 || source.NamePrefixes.Any(p => g.Name.StartsWith(p, StringComparison.Ordinal)))
                && (source.Classes.Count == 0 ? g.LogGroupClass == "STANDARD" : source.Classes.Contains(g.LogGroupClass)))];
        }

        var requested = name is not null ? [name] : names ?? identifiers!.Select(Arns.GroupName).ToList();
        var groups = new List<GroupRecord>();
        foreach (var n in requested.Distinct(StringComparer.Ordinal))
        {
            groups.Add(store.GetGroup(n) ?? throw new LogsServiceException(LogsErrorTypes.ResourceNotFound, $"Log group '{n}' does not exist"));
        }

        return groups;
    }

    private QueryExecution RequireQuery(AwsJsonRequest request)
    {
        var id = request.RequiredString("queryId", 0, 256);
        return queries.Get(id) ?? throw new LogsServiceException(LogsErrorTypes.ResourceNotFound, $"Query {id} does not exist");
    }

    private void GetQueryResults(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var execution = RequireQuery(request);
        var maxItems = request.Int("maxItems", 0, MaxResultsPerPage) is { } m and > 0 ? m : MaxResultsPerPage;
        var offset = 0;
        if (request.String("nextToken", 1) is { } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid.");
        }

        // Results are published only once the query is Complete; while it runs the answer carries statistics only.
        var status = execution.Status;
        var results = status == QueryStatus.Complete ? execution.Results ?? [] : [];
        writer.WriteStartObject();
        writer.WriteString("queryLanguage", "CWLI");
        writer.WriteStartArray("results");
        foreach (var row in results.Skip(offset).Take(maxItems))
        {
            writer.WriteStartArray();
            foreach (var field in row)
            {
                writer.WriteStartObject();
                writer.WriteString("field", field.Field);
                writer.WriteString("value", field.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        var progress = execution.Progress;
        writer.WriteStartObject("statistics");
        writer.WriteNumber("recordsMatched", (double)progress.RecordsMatched);
        writer.WriteNumber("recordsScanned", (double)progress.RecordsScanned);
        writer.WriteNumber("estimatedRecordsSkipped", 0.0);
        writer.WriteNumber("bytesScanned", (double)progress.BytesScanned);
        writer.WriteNumber("estimatedBytesSkipped", 0.0);
        writer.WriteNumber("logGroupsScanned", (double)execution.LogGroupNames.Count);
        writer.WriteEndObject();
        writer.WriteString("status", status);
        if (offset + maxItems < results.Count)
        {
            writer.WriteString("nextToken", (offset + maxItems).ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private void StopQuery(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var execution = RequireQuery(request);
        if (!QueryManager.Stop(execution))
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, $"Query {execution.Id} is not running (status {execution.Status})");
        }

        writer.WriteStartObject();
        writer.WriteBoolean("success", true);
        writer.WriteEndObject();
    }

    private void DescribeQueries(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var group = request.String("logGroupName", 1, 512);
        var status = request.String("status");
        var max = request.Int("maxResults", 1, 1000) ?? 1000;
        var offset = 0;
        if (request.String("nextToken", 1) is { } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid.");
        }

        var matching = queries.List()
            .Where(q => group is null || q.LogGroupNames.Contains(group, StringComparer.Ordinal))
            .Where(q => status is null || q.Status == status)
            .ToList();
        writer.WriteStartObject();
        writer.WriteStartArray("queries");
        foreach (var q in matching.Skip(offset).Take(max))
        {
            writer.WriteStartObject();
            writer.WriteString("queryLanguage", "CWLI");
            writer.WriteString("queryId", q.Id);
            writer.WriteString("queryString", q.QueryString);
            writer.WriteString("status", q.Status);
            writer.WriteNumber("createTime", q.CreateTimeMs);
            if (q.LogGroupNames.Count > 0)
            {
                writer.WriteString("logGroupName", q.LogGroupNames[0]);
            }

            if (q.EndTimeMs is { } endTime)
            {
                writer.WriteNumber("queryDuration", endTime - q.CreateTimeMs);
            }

            writer.WriteNumber("bytesScanned", (double)q.Progress.BytesScanned);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (offset + max < matching.Count)
        {
            writer.WriteString("nextToken", (offset + max).ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }
}
