using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Thaw.Logs.Api;

/// <summary>Log groups, streams and retention.</summary>
internal sealed partial class LogsApi
{
    private static readonly int[] RetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private async Task CreateLogGroupAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        var name = request.RequiredString("logGroupName", 1, 512, GroupNamePattern());
        var logGroupClass = request.String("logGroupClass") ?? "STANDARD";
        if (logGroupClass is not ("STANDARD" or "INFREQUENT_ACCESS" or "DELIVERY"))
        {
            throw AwsJsonRequest.Invalid($"Value '{logGroupClass}' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        }

        await store.CreateGroupAsync(name, logGroupClass, ct);
        Empty(writer);
    }

    private async Task DeleteLogGroupAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        await store.DeleteGroupAsync(request.RequiredString("logGroupName", 1, 512), ct);
        Empty(writer);
    }

    private void DescribeLogGroups(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var prefix = request.String("logGroupNamePrefix", 1, 512);
        var pattern = request.String("logGroupNamePattern", 0, 512);
        if (prefix is not null && pattern is not null)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }

        var limit = request.Int("limit", 1, 50) ?? 50;
        var after = DecodeToken(request.String("nextToken", 1));
        var groups = store.ListGroups(prefix, string.IsNullOrEmpty(pattern) ? null : pattern, after, limit + 1);
        writer.WriteStartObject();
        writer.WriteStartArray("logGroups");
        foreach (var group in groups.Take(limit))
        {
            var arn = Arns.LogGroup(options, group.Name);
            writer.WriteStartObject();
            writer.WriteString("logGroupName", group.Name);
            writer.WriteNumber("creationTime", group.CreationTime);
            if (group.RetentionInDays is { } days)
            {
                writer.WriteNumber("retentionInDays", days);
            }

            writer.WriteNumber("metricFilterCount", 0);
            writer.WriteString("arn", arn + ":*");
            writer.WriteString("logGroupArn", arn);
            writer.WriteNumber("storedBytes", 0);
            writer.WriteString("logGroupClass", group.LogGroupClass);
            writer.WriteBoolean("deletionProtectionEnabled", false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (groups.Count > limit)
        {
            writer.WriteString("nextToken", EncodeToken(groups[limit - 1].Name));
        }

        writer.WriteEndObject();
    }

    private async Task CreateLogStreamAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        var group = request.RequiredString("logGroupName", 1, 512);
        var stream = request.RequiredString("logStreamName", 1, 512, StreamNamePattern());
        await store.CreateStreamAsync(group, stream, ct);
        Empty(writer);
    }

    private async Task DeleteLogStreamAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        await store.DeleteStreamAsync(request.RequiredString("logGroupName", 1, 512), request.RequiredString("logStreamName", 1, 512), ct);
        Empty(writer);
    }

    private void DescribeLogStreams(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var group = RequireGroup(request);
        var prefix = request.String("logStreamNamePrefix", 1, 512);
        var orderBy = request.String("orderBy") ?? "LogStreamName";
        if (orderBy is not ("LogStreamName" or "LastEventTime"))
        {
            throw AwsJsonRequest.Invalid($"Value '{orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }

        if (prefix is not null && orderBy == "LastEventTime")
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var descending = request.Bool("descending") ?? false;
        var limit = request.Int("limit", 1, 50) ?? 50;
        var offset = DecodeToken(request.String("nextToken", 1)) is { } token
            ? (int.TryParse(token, CultureInfo.InvariantCulture, out var o) && o >= 0 ? o : throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid."))
            : 0;
        var streams = store.ListStreams(group.Id, prefix);
        IEnumerable<Storage.StreamRecord> ordered = orderBy == "LastEventTime"
            ? streams.OrderBy(s => s.LastEventTimestamp ?? 0).ThenBy(s => s.Name, StringComparer.Ordinal)
            : streams;
        if (descending)
        {
            ordered = ordered.Reverse();
        }

        var page = ordered.Skip(offset).Take(limit + 1).ToList();
        writer.WriteStartObject();
        writer.WriteStartArray("logStreams");
        foreach (var s in page.Take(limit))
        {
            writer.WriteStartObject();
            writer.WriteString("logStreamName", s.Name);
            writer.WriteNumber("creationTime", s.CreationTime);
            if (s.FirstEventTimestamp is { } first)
            {
                writer.WriteNumber("firstEventTimestamp", first);
            }

            if (s.LastEventTimestamp is { } last)
            {
                writer.WriteNumber("lastEventTimestamp", last);
            }

            if (s.LastIngestionTime is { } ingestion)
            {
                writer.WriteNumber("lastIngestionTime", ingestion);
            }

            writer.WriteString("arn", Arns.LogStream(options, group.Name, s.Name));
            writer.WriteNumber("storedBytes", 0);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (page.Count > limit)
        {
            writer.WriteString("nextToken", EncodeToken((offset + limit).ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteEndObject();
    }

    private async Task PutRetentionPolicyAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        var group = request.RequiredString("logGroupName", 1, 512);
        var days = request.Int("retentionInDays", int.MinValue, int.MaxValue) ?? throw AwsJsonRequest.Missing("retentionInDays");
        if (!RetentionDays.Contains(days))
        {
            throw AwsJsonRequest.Invalid(
                $"Value '{days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", RetentionDays)}]");
        }

        await store.PutRetentionAsync(group, days, ct);
        Empty(writer);
    }

    private async Task DeleteRetentionPolicyAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        await store.PutRetentionAsync(request.RequiredString("logGroupName", 1, 512), null, ct);
        Empty(writer);
    }

    private static string EncodeToken(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string? DecodeToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid.");
        }
    }
}
