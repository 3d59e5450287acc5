using System.Globalization;
using System.Text.Json.Nodes;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Api;

/// <summary>The Logs API end to end over HTTP through a real Kestrel, with raw awsJson1.1 requests.</summary>
public sealed class LogsApiTests : IAsyncLifetime
{
    private LogsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LogsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task PutAsync(string group, string stream, IEnumerable<(long Ts, string Message)> events)
    {
        await _server.OkAsync("PutLogEvents", new
        {
            logGroupName = group,
            logStreamName = stream,
            logEvents = events.Select(e => new { timestamp = e.Ts, message = e.Message }).ToArray(),
        });
    }

    private async Task<JsonNode> RunQueryAsync(object startQuery)
    {
        var id = (await _server.OkAsync("StartQuery", startQuery))["queryId"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await _server.OkAsync("GetQueryResults", new { queryId = id });
            var status = result["status"]!.GetValue<string>();
            if (status is "Complete" or "Failed" or "Cancelled" or "Timeout")
            {
                Assert.Equal("Complete", status);
                return result;
            }

            Assert.True(status is "Scheduled" or "Running", status);
            Assert.True(DateTime.UtcNow < deadline, "query did not finish");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static List<Dictionary<string, string>> Rows(JsonNode result) =>
        result["results"]!.AsArray().Select(row => row!.AsArray().ToDictionary(f => f!["field"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task Groups_streams_and_events_round_trip()
    {
        await _server.OkAsync("CreateLogGroup", new { logGroupName = "/aws/lambda/b" });
        await _server.OkAsync("CreateLogGroup", new { logGroupName = "/aws/lambda/a" });
        var (status, error) = await _server.CallAsync("CreateLogGroup", new { logGroupName = "/aws/lambda/a" });
        Assert.Equal((400, "ResourceAlreadyExistsException"), (status, error!["__type"]!.GetValue<string>()));

        var groups = await _server.OkAsync("DescribeLogGroups", new { logGroupNamePrefix = "/aws/lambda/" });
        var list = groups["logGroups"]!.AsArray();
        Assert.Equal(["/aws/lambda/a", "/aws/lambda/b"], list.Select(g => g!["logGroupName"]!.GetValue<string>()));
        Assert.Equal("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/a:*", list[0]!["arn"]!.GetValue<string>());
        Assert.Equal("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/a", list[0]!["logGroupArn"]!.GetValue<string>());

        var paged = await _server.OkAsync("DescribeLogGroups", new { limit = 1 });
        var next = await _server.OkAsync("DescribeLogGroups", new { limit = 1, nextToken = paged["nextToken"]!.GetValue<string>() });
        Assert.Equal("/aws/lambda/b", next["logGroups"]![0]!["logGroupName"]!.GetValue<string>());

        await _server.OkAsync("CreateLogStream", new { logGroupName = "/aws/lambda/a", logStreamName = "2026/12/04/[12]abc" });
        var t = Now;
        await PutAsync("/aws/lambda/a", "2026/12/04/[12]abc", [(t, "START RequestId: 1 Version: 12"), (t + 1, "hello"), (t + 2, "END RequestId: 1")]);
        var streams = await _server.OkAsync("DescribeLogStreams", new { logGroupName = "/aws/lambda/a" });
        var stream = streams["logStreams"]![0]!;
        Assert.Equal(t, stream["firstEventTimestamp"]!.GetValue<long>());
        Assert.Equal(t + 2, stream["lastEventTimestamp"]!.GetValue<long>());

        var events = await _server.OkAsync("GetLogEvents", new { logGroupName = "/aws/lambda/a", logStreamName = "2026/12/04/[12]abc", startFromHead = true });
        Assert.Equal(["START RequestId: 1 Version: 12", "hello", "END RequestId: 1"], events["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));

        await _server.OkAsync("PutRetentionPolicy", new { logGroupName = "/aws/lambda/a", retentionInDays = 7 });
        var described = await _server.OkAsync("DescribeLogGroups", new { logGroupNamePattern = "lambda/a" });
        Assert.Equal(7, described["logGroups"]![0]!["retentionInDays"]!.GetValue<int>());

        await _server.OkAsync("DeleteLogGroup", new { logGroupName = "/aws/lambda/a" });
        (status, error) = await _server.CallAsync("GetLogEvents", new { logGroupName = "/aws/lambda/a", logStreamName = "2026/12/04/[12]abc" });
        Assert.Equal(400, status);
        Assert.Equal("ResourceNotFoundException", error!["__type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Errors_have_the_awsJson_shape()
    {
        var (status, body) = await _server.CallAsync("PutLogEvents", new { logGroupName = "nope", logStreamName = "s", logEvents = new[] { new { timestamp = Now, message = "x" } } });
        Assert.Equal((400, "ResourceNotFoundException"), (status, body!["__type"]!.GetValue<string>()));

        (status, body) = await _server.CallAsync("CreateLogGroup", new { logGroupName = "bad name!" });
        Assert.Equal((400, "InvalidParameterException"), (status, body!["__type"]!.GetValue<string>()));

        (status, body) = await _server.CallAsync("CreateLogGroup", "{not json");
        Assert.Equal((400, "SerializationException"), (status, body!["__type"]!.GetValue<string>()));

        (status, body) = await _server.CallAsync("CreateLogGroup", new { logGroupName = 42 });
        Assert.Equal((400, "SerializationException"), (status, body!["__type"]!.GetValue<string>()));

        (status, body) = await _server.CallAsync("NoSuchOperation", new { });
        Assert.Equal((400, "UnknownOperationException"), (status, body!["__type"]!.GetValue<string>()));

        await _server.OkAsync("CreateLogGroup", new { logGroupName = "g" });
        (status, body) = await _server.CallAsync("StartQuery", new { logGroupName = "g", startTime = 0, endTime = 10, queryString = "fields @message | stats count(*) by" });
        Assert.Equal((400, "MalformedQueryException"), (status, body!["__type"]!.GetValue<string>()));
        var location = body["queryCompileError"]!["location"]!;
        Assert.Equal("fields @message | stats count(*) by".Length, location["startCharOffset"]!.GetValue<int>());
        Assert.True(location["endCharOffset"]!.GetValue<int>() >= location["startCharOffset"]!.GetValue<int>());

        (status, body) = await _server.CallAsync("StartQuery", new { logGroupName = "missing", startTime = 0, endTime = 10, queryString = "fields @message" });
        Assert.Equal((400, "ResourceNotFoundException"), (status, body!["__type"]!.GetValue<string>()));

        (status, body) = await _server.CallAsync("GetQueryResults", new { queryId = "00000000-0000-0000-0000-000000000000" });
        Assert.Equal((400, "ResourceNotFoundException"), (status, body!["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PutLogEvents_checks_order_and_reports_rejected_events()
    {
        await _server.OkAsync("CreateLogGroup", new { logGroupName = "g" });
        await _server.OkAsync("CreateLogStream", new { logGroupName = "g", logStreamName = "s" });
        var t = Now;
        var (status, body) = await _server.CallAsync("PutLogEvents", new
        {
            logGroupName = "g",
            logStreamName = "s",
            logEvents = new[] { new { timestamp = t, message = "b" }, new { timestamp = t - 1, message = "a" } },
        });
        Assert.Equal((400, "InvalidParameterException"), (status, body!["__type"]!.GetValue<string>()));

        var result = await _server.OkAsync("PutLogEvents", new
        {
            logGroupName = "g",
            logStreamName = "s",
            logEvents = new[] { new { timestamp = t, message = "fine" }, new { timestamp = t + (3 * 3_600_000), message = "too new" } },
        });
        Assert.Equal(1, result["rejectedLogEventsInfo"]!["tooNewLogEventStartIndex"]!.GetValue<int>());
        result = await _server.OkAsync("PutLogEvents", new
        {
            logGroupName = "g",
            logStreamName = "s",
            logEvents = new[] { new { timestamp = t - (15L * 86_400_000), message = "too old" }, new { timestamp = t - (15L * 86_400_000) + 1, message = "too old too" } },
        });
        Assert.Equal(2, result["rejectedLogEventsInfo"]!["tooOldLogEventEndIndex"]!.GetValue<int>());

        (status, body) = await _server.CallAsync("PutLogEvents", new
        {
            logGroupName = "g",
            logStreamName = "s",
            logEvents = new[] { new { timestamp = t - (2 * 86_400_000), message = "a" }, new { timestamp = t, message = "b" } },
        });
        Assert.Equal((400, "InvalidParameterException"), (status, body!["__type"]!.GetValue<string>()));
        var events = await _server.OkAsync("GetLogEvents", new { logGroupName = "g", logStreamName = "s" });
        Assert.Equal(["fine"], events["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetLogEvents_pages_forward_and_backward_with_tokens()
    {
        await _server.OkAsync("CreateLogGroup", new { logGroupName = "g" });
        await _server.OkAsync("CreateLogStream", new { logGroupName = "g", logStreamName = "s" });
        var t = Now;
        await PutAsync("g", "s", Enumerable.Range(0, 25).Select(i => (t + i, $"line {i}")));

        // Forward from the head, 10 at a time, until the token stops changing.
        var seen = new List<string>();
        string? token = null;
        while (true)
        {
            var page = await _server.OkAsync("GetLogEvents", new { logGroupName = "g", logStreamName = "s", startFromHead = true, limit = 10, nextToken = token });
            seen.AddRange(page["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
            var next = page["nextForwardToken"]!.GetValue<string>();
            Assert.StartsWith("f/", next, StringComparison.Ordinal);
            if (next == token)
            {
                break;
            }

            token = next;
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"line {i}"), seen);

        // Backward from the tail: the newest 10 first (each page ascending), then older ones.
        var tail = await _server.OkAsync("GetLogEvents", new { logGroupName = "g", logStreamName = "s", limit = 10 });
        Assert.Equal(Enumerable.Range(15, 10).Select(i => $"line {i}"), tail["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
        var back = tail["nextBackwardToken"]!.GetValue<string>();
        Assert.StartsWith("b/", back, StringComparison.Ordinal);
        var older = await _server.OkAsync("GetLogEvents", new { logGroupName = "g", logStreamName = "s", limit = 10, nextToken = back });
        Assert.Equal(Enumerable.Range(5, 10).Select(i => $"line {i}"), older["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));

        var (status, body) = await _server.CallAsync("GetLogEvents", new { logGroupName = "g", logStreamName = "s", nextToken = "garbage" });
        Assert.Equal((400, "InvalidParameterException"), (status, body!["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FilterLogEvents_applies_patterns_streams_time_and_pages()
    {
        await _server.OkAsync("CreateLogGroup", new { logGroupName = "g" });
        await _server.OkAsync("CreateLogStream", new { logGroupName = "g", logStreamName = "s1" });
        await _server.OkAsync("CreateLogStream", new { logGroupName = "g", logStreamName = "s2" });
        var t = Now - 10_000;
        await PutAsync("g", "s1", Enumerable.Range(0, 30).Select(i => (t + (2 * i), i % 3 == 0 ? $"ERROR {i}" : $"INFO {i}")));
        await PutAsync("g", "s2", Enumerable.Range(0, 30).Select(i => (t + (2 * i) + 1, $"{{\"level\":\"{(i % 2 == 0 ? "warn" : "info")}\",\"n\":{i}}}")));

        var errors = await _server.OkAsync("FilterLogEvents", new { logGroupName = "g", filterPattern = "ERROR" });
        Assert.Equal(10, errors["events"]!.AsArray().Count);
        Assert.All(errors["events"]!.AsArray(), e => Assert.Equal("s1", e!["logStreamName"]!.GetValue<string>()));

        var json = await _server.OkAsync("FilterLogEvents", new { logGroupName = "g", filterPattern = "{ $.level = \"warn\" && $.n >= 20 }" });
        Assert.Equal([20, 22, 24, 26, 28], json["events"]!.AsArray().Select(e => int.Parse(e!["message"]!.GetValue<string>().Split(':')[2].TrimEnd('}'), CultureInfo.InvariantCulture)));

        var ranged = await _server.OkAsync("FilterLogEvents", new { logGroupName = "g", logStreamNames = new[] { "s1" }, startTime = t + 10, endTime = t + 20 });
        Assert.Equal(Enumerable.Range(5, 6).Select(i => i % 3 == 0 ? $"ERROR {i}" : $"INFO {i}"), ranged["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));

        // Paging: all 60 events, interleaved in time order, 7 at a time.
        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await _server.OkAsync("FilterLogEvents", new { logGroupName = "g", limit = 7, nextToken = token });
            all.AddRange(page["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        Assert.Equal(60, all.Count);
        Assert.Equal("ERROR 0", all[0]);
        Assert.StartsWith("{", all[1], StringComparison.Ordinal);

        var (status, body) = await _server.CallAsync("FilterLogEvents", new { logGroupName = "g", logStreamNames = new[] { "s1" }, logStreamNamePrefix = "s" });
        Assert.Equal((400, "InvalidParameterException"), (status, body!["__type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Seed_queries_through_StartQuery_and_GetQueryResults()
    {
        var gen = new LambdaLogGenerator(7).Generate(30, 2, Now - 3_600_000);
        await gen.WriteAsync(_server.Store, "/aws/lambda/MacAddressProbe");
        var start = (Now / 1000) - 7200;
        var end = (Now / 1000) + 60;

        var count = await RunQueryAsync(new { logGroupName = "/aws/lambda/MacAddressProbe", startTime = start, endTime = end, queryString = "filter @message like /RESTORE_REPORT/ | stats count(*)" });
        var expected = gen.Events.Count(e => e.Event.Message.Contains("RESTORE_REPORT", StringComparison.Ordinal));
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), Assert.Single(Rows(count))["count(*)"]);
        Assert.Equal(gen.Events.Count, count["statistics"]!["recordsScanned"]!.GetValue<double>());
        Assert.Equal(expected, count["statistics"]!["recordsMatched"]!.GetValue<double>());
        Assert.True(count["statistics"]!["bytesScanned"]!.GetValue<double>() > 0);

        var macs = await RunQueryAsync(new
        {
            logGroupNames = new[] { "/aws/lambda/MacAddressProbe" },
            startTime = start,
            endTime = end,
            queryString = "filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr",
        });
        var expectedRows = gen.Events.Select(e => e.Event.Message).Where(m => m.StartsWith("telemetry1_sb:", StringComparison.Ordinal) || m.StartsWith("vinternal_1:", StringComparison.Ordinal))
            .GroupBy(m => m).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}").ToList();
        Assert.Equal(expectedRows, Rows(macs).Select(r => $"{r["nicName"]}:{r["macAddr"]}={r["count(*)"]}"));

        var events = await RunQueryAsync(new { logGroupName = "/aws/lambda/MacAddressProbe", startTime = start, endTime = end, queryString = "filter @type = \"REPORT\" | limit 2", limit = 5 });
        var rows = Rows(events);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(["@timestamp", "@message", "@ptr"], r.Keys));
        var record = await _server.OkAsync("GetLogRecord", new { logRecordPointer = rows[0]["@ptr"] });
        Assert.Equal(rows[0]["@message"], record["logRecord"]!["@message"]!.GetValue<string>());
        Assert.Equal("REPORT", record["logRecord"]!["@type"]!.GetValue<string>());

        var described = await _server.OkAsync("DescribeQueries", new { logGroupName = "/aws/lambda/MacAddressProbe", status = "Complete" });
        Assert.Equal(3, described["queries"]!.AsArray().Count);
    }

    [Fact]
    public async Task Source_command_selects_groups_by_prefix_and_ms_times_are_accepted()
    {
        var t = Now;
        await _server.Store.AppendAsync("/aws/lambda/one", "s", [new(t, "x")], TestContext.Current.CancellationToken);
        await _server.Store.AppendAsync("/aws/lambda/two", "s", [new(t, "y"), new(t, "z")], TestContext.Current.CancellationToken);
        await _server.Store.AppendAsync("/other", "s", [new(t, "w")], TestContext.Current.CancellationToken);
        var result = await RunQueryAsync(new
        {
            startTime = t - 60_000,
            endTime = t + 60_000, // milliseconds, as in the AWS CLI's own example
            queryString = "SOURCE logGroups(namePrefix: ['/aws/lambda/']) | stats count(*) as n by @log | sort @log",
        });
        Assert.Equal(["000000000000:/aws/lambda/one=1", "000000000000:/aws/lambda/two=2"], Rows(result).Select(r => $"{r["@log"]}={r["n"]}"));
    }

    [Fact]
    public async Task StopQuery_cancels_a_running_query()
    {
        var t = Now;
        var events = Enumerable.Range(0, 200_000).Select(i => new LogEventInput(t + i, $"line {i} with some text")).ToList();
        await _server.Store.AppendAsync("big", "s", events, TestContext.Current.CancellationToken);
        var id = (await _server.OkAsync("StartQuery", new
        {
            logGroupName = "big",
            startTime = 0,
            endTime = (t / 1000) + 1000,
            queryString = "parse @message \"line * with *\" as n, rest | stats count(*) by n | sort n | limit 5",
        }))["queryId"]!.GetValue<string>();
        var (status, body) = await _server.CallAsync("StopQuery", new { queryId = id });
        var final = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            final = (await _server.OkAsync("GetQueryResults", new { queryId = id }))["status"]!.GetValue<string>();
            if (final is not ("Scheduled" or "Running"))
            {
                break;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        if (status == 200)
        {
            Assert.True(body!["success"]!.GetValue<bool>());
            Assert.Equal("Cancelled", final);
        }
        else
        {
            // The query beat the stop: then StopQuery says it is not running.
            Assert.Equal("InvalidParameterException", body!["__type"]!.GetValue<string>());
            Assert.Equal("Complete", final);
        }
    }
}
