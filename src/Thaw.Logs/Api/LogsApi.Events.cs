using System.Globalization;
using System.Text;
using System.Text.Json;
using Thaw.Logs.FilterPatterns;
using Thaw.Logs.Lambda;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Api;

/// <summary>PutLogEvents, GetLogEvents, FilterLogEvents.</summary>
internal sealed partial class LogsApi
{
    private const int MaxBatchBytes = 1_048_576;
    private const int EventOverheadBytes = 26;
    private const int MaxEventsPerPut = 10_000;
    private const int MaxPageBytes = 1_048_576;
    private const int MaxFilterScan = 2_000_000;
    private const long TwoHoursMs = 2 * 3_600_000L;
    private const long FourteenDaysMs = 14 * 86_400_000L;
    private const long OneDayMs = 86_400_000L;

    private async Task PutLogEventsAsync(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        var groupName = request.RequiredString("logGroupName", 1, 512);
        var streamName = request.RequiredString("logStreamName", 1, 512);
        if (!request.Root.TryGetProperty("logEvents", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            throw AwsJsonRequest.Missing("logEvents");
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new LogsServiceException(LogsErrorTypes.Serialization, "Cannot deserialize member 'logEvents': expected list");
        }

        var count = array.GetArrayLength();
        if (count is < 1 or > MaxEventsPerPut)
        {
            throw AwsJsonRequest.Invalid($"Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and {MaxEventsPerPut}");
        }

        var events = new List<LogEventInput>(count);
        var bytes = 0L;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var timestamp)
                || !item.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.String)
            {
                throw AwsJsonRequest.Invalid("Each of 'logEvents' needs a numeric 'timestamp' and a string 'message'");
            }

            var message = m.GetString()!;
            if (message.Length == 0)
            {
                throw AwsJsonRequest.Invalid("Value '' at 'logEvents.message' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }

            bytes += Encoding.UTF8.GetByteCount(message) + EventOverheadBytes;
            events.Add(new LogEventInput(timestamp, message));
        }

        if (bytes > MaxBatchBytes)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, $"Upload too large: {bytes} bytes exceeds the limit of {MaxBatchBytes} bytes");
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].TimestampMs < events[i - 1].TimestampMs)
            {
                throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }

        if (events[^1].TimestampMs - events[0].TimestampMs > OneDayMs)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }

        // Too old or too new events are dropped while the rest is accepted; the ranges are reported by index.
        var now = NowMs;
        var group = store.GetGroup(groupName) ?? throw LogStore.GroupNotFound();
        var oldest = now - (group.RetentionInDays is { } days ? Math.Min(days * OneDayMs, FourteenDaysMs) : FourteenDaysMs);
        var tooOldEnd = 0;
        while (tooOldEnd < events.Count && events[tooOldEnd].TimestampMs < oldest)
        {
            tooOldEnd++;
        }

        var tooNewStart = events.Count;
        while (tooNewStart > tooOldEnd && events[tooNewStart - 1].TimestampMs > now + TwoHoursMs)
        {
            tooNewStart--;
        }

        var accepted = events.GetRange(tooOldEnd, tooNewStart - tooOldEnd);
        await store.PutEventsAsync(groupName, streamName, LogStore.Prepare(groupName, accepted), ct);

        writer.WriteStartObject();
        if (tooOldEnd > 0 || tooNewStart < events.Count)
        {
            writer.WriteStartObject("rejectedLogEventsInfo");
            if (tooNewStart < events.Count)
            {
                writer.WriteNumber("tooNewLogEventStartIndex", tooNewStart);
            }

            if (tooOldEnd > 0)
            {
                writer.WriteNumber("tooOldLogEventEndIndex", tooOldEnd);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void GetLogEvents(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var group = RequireGroup(request);
        var streamName = request.RequiredString("logStreamName", 1, 512);
        var stream = store.GetStream(group.Id, streamName) ?? throw LogStore.StreamNotFound();
        var start = request.Long("startTime", 0) ?? 0;
        var end = request.Long("endTime", 0) ?? long.MaxValue;
        var limit = request.Int("limit", 1, 10_000) ?? 10_000;
        var fromHead = request.Bool("startFromHead") ?? false;
        var token = request.String("nextToken", 1);

        List<EventRecord> page;
        char direction;
        long position;
        if (token is null)
        {
            direction = fromHead ? 'f' : 'b';
            position = fromHead ? 0 : long.MaxValue;
        }
        else if (token.Length > 2 && token[0] is 'f' or 'b' && token[1] == '/' && long.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out position))
        {
            direction = token[0];
        }
        else
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid.");
        }

        page = direction == 'f'
            ? store.ReadStreamPage(stream.Id, position, long.MaxValue, start, end, limit, ascending: true)
            : store.ReadStreamPage(stream.Id, 0, position, start, end, limit, ascending: false);

        // Default page size is "what fits in 1 MB, up to 10,000 events".
        var size = 0L;
        var keep = 0;
        while (keep < page.Count && (size += page[keep].Size + EventOverheadBytes) <= MaxPageBytes)
        {
            keep++;
        }

        if (keep < page.Count)
        {
            page = direction == 'f' ? page.GetRange(0, Math.Max(keep, 1)) : page.GetRange(page.Count - Math.Max(keep, 1), Math.Max(keep, 1));
        }

        string forward, backward;
        if (page.Count > 0)
        {
            forward = Token('f', page[^1].Sequence);
            backward = Token('b', page[0].Sequence);
        }
        else if (token is not null)
        {
            // At either end the token passed in comes back, which is how clients know to stop.
            forward = direction == 'f' ? token : Token('f', Math.Max(0, position - 1));
            backward = direction == 'b' ? token : Token('b', position + 1);
        }
        else
        {
            forward = Token('f', 0);
            backward = Token('b', 0);
        }

        writer.WriteStartObject();
        writer.WriteStartArray("events");
        foreach (var e in page)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp", e.Timestamp);
            writer.WriteString("message", e.Message);
            writer.WriteNumber("ingestionTime", e.IngestionTime);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("nextForwardToken", forward);
        writer.WriteString("nextBackwardToken", backward);
        writer.WriteEndObject();
    }

    private static string Token(char direction, long sequence) =>
        $"{direction}/{sequence.ToString("D20", CultureInfo.InvariantCulture)}";

    private void FilterLogEvents(AwsJsonRequest request, Utf8JsonWriter writer, CancellationToken ct)
    {
        var group = RequireGroup(request);
        var names = request.Strings("logStreamNames", 1, 100);
        var prefix = request.String("logStreamNamePrefix", 1, 512);
        if (names is not null && prefix is not null)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }

        var start = request.Long("startTime", 0) ?? 0;
        var end = request.Long("endTime", 0) ?? long.MaxValue;
        var limit = request.Int("limit", 1, 10_000) ?? 10_000;
        var pattern = FilterPattern.Parse(request.String("filterPattern", 0, 1024));
        var (afterTs, afterSeq) = DecodeFilterToken(request.String("nextToken", 1));

        var streams = store.ListStreams(group.Id, prefix);
        var streamNames = streams.ToDictionary(s => s.Id, s => s.Name);
        HashSet<long>? streamIds = null;
        if (names is not null || prefix is not null)
        {
            var wanted = names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);
            streamIds = [.. streams.Where(s => wanted is null || wanted.Contains(s.Name)).Select(s => s.Id)];
        }

        writer.WriteStartObject();
        writer.WriteStartArray("events");
        var returned = 0;
        var scanned = 0;
        var bytes = 0L;
        EventRecord? last = null;
        var exhausted = true;
        if (streamIds is null || streamIds.Count > 0)
        {
            foreach (var e in store.ReadGroupOrdered(group.Id, streamIds, start, end, afterTs, afterSeq))
            {
                if (returned >= limit || scanned >= MaxFilterScan || bytes >= MaxPageBytes)
                {
                    exhausted = false;
                    break;
                }

                if ((++scanned & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                last = e;
                if (!pattern.Matches(e.Message!))
                {
                    continue;
                }

                returned++;
                bytes += e.Size + EventOverheadBytes;
                writer.WriteStartObject();
                writer.WriteString("logStreamName", streamNames.GetValueOrDefault(e.StreamId, ""));
                writer.WriteNumber("timestamp", e.Timestamp);
                writer.WriteString("message", e.Message);
                writer.WriteNumber("ingestionTime", e.IngestionTime);
                writer.WriteString("eventId", e.Sequence.ToString("D20", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("searchedLogStreams");
        writer.WriteEndArray();
        if (!exhausted && last is not null)
        {
            writer.WriteString("nextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{last.Timestamp}:{last.Sequence}"))));
        }

        writer.WriteEndObject();
    }

    private static (long Ts, long Seq) DecodeFilterToken(string? token)
    {
        if (token is null)
        {
            return (long.MinValue, long.MinValue);
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified nextToken is invalid.");
        }
    }

    private void GetLogRecord(AwsJsonRequest request, Utf8JsonWriter writer)
    {
        var pointer = request.RequiredString("logRecordPointer");
        if (!Insights.Ptr.TryDecode(pointer, out var groupId, out var sequence) || store.ReadEvent(groupId, sequence) is not { } e)
        {
            throw new LogsServiceException(LogsErrorTypes.InvalidParameter, "The specified logRecordPointer is invalid or no longer exists.");
        }

        var groupName = store.ListGroups(null, null, null, int.MaxValue).FirstOrDefault(g => g.Id == groupId)?.Name ?? "";
        var streamName = store.StreamNames([groupId]).GetValueOrDefault(e.StreamId, "");
        writer.WriteStartObject();
        writer.WriteStartObject("logRecord");
        writer.WriteString("@timestamp", e.Timestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("@message", e.Message);
        writer.WriteString("@logStream", streamName);
        writer.WriteString("@log", $"{options.AccountId}:{groupName}");
        writer.WriteString("@ingestionTime", e.IngestionTime.ToString(CultureInfo.InvariantCulture));
        var l = e.Lambda;
        if (l.Type != PlatformLineType.None)
        {
            writer.WriteString("@type", PlatformLines.TypeName(l.Type));
        }

        WriteOptional(writer, "@requestId", l.RequestId);
        WriteOptional(writer, "@duration", l.Duration);
        WriteOptional(writer, "@billedDuration", l.BilledDuration);
        WriteOptional(writer, "@memorySize", l.MemorySize);
        WriteOptional(writer, "@maxMemoryUsed", l.MaxMemoryUsed);
        WriteOptional(writer, "@initDuration", l.InitDuration);
        WriteOptional(writer, "@restoreDuration", l.RestoreDuration);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, Insights.Value.FormatNumber(v));
        }
    }
}
