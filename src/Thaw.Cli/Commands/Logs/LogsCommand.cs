using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Thaw.Cli.Commands.Logs;

/// <summary>
/// <c>thaw logs query</c> (Logs Insights through StartQuery/GetQueryResults) and <c>thaw logs tail</c>
/// (FilterLogEvents, with <c>--filter</c> and <c>--follow</c>), spoken over HTTP to the host's CloudWatch Logs API.
/// </summary>
public static class LogsCommand
{
    public const string EndpointVariable = "THAW_ENDPOINT";
    public const string DefaultEndpoint = "http://127.0.0.1:9300";

    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    /// <summary>The <c>logs</c> command with its subcommands, writing to the process console.</summary>
    public static Command Create() => Create(AnsiConsole.Console, Console.Out, Console.Error, () => new HttpClient());

    internal static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, Func<HttpClient> httpFactory)
    {
        var command = new Command("logs", "Query and tail function logs (the CloudWatch Logs API of the host).");
        command.Subcommands.Add(CreateQuery(console, output, error, httpFactory));
        command.Subcommands.Add(CreateTail(output, error, httpFactory));
        return command;
    }

    private static Option<string> EndpointOption() => new("--endpoint")
    {
        Description = $"URL of the Thaw host (default: ${EndpointVariable}, else {DefaultEndpoint})",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } e ? e : DefaultEndpoint,
    };

    private static Command CreateQuery(IAnsiConsole console, TextWriter output, TextWriter error, Func<HttpClient> httpFactory)
    {
        var query = new Argument<string>("QUERY") { Description = "A Logs Insights query, e.g. 'filter @type = \"REPORT\" | stats count(*)'" };
        var groups = new Option<string[]>("--log-group-name", "-g") { Description = "Log group to query (repeatable; not needed with SOURCE)", HelpName = "GROUP" };
        var since = new Option<string?>("--since") { Description = "Query the last DURATION (30s, 10m, 1h, 2d, 1w); default 1h", HelpName = "DURATION" };
        var start = new Option<string?>("--start") { Description = "Start of the range (ISO 8601 or epoch seconds)", HelpName = "TIME" };
        var end = new Option<string?>("--end") { Description = "End of the range (ISO 8601 or epoch seconds); default now", HelpName = "TIME" };
        var limit = new Option<int?>("--limit") { Description = "Maximum rows (1-100000; a limit command in the query wins)", HelpName = "N" };
        var format = new Option<string>("--output", "-o") { Description = "table, json or csv", DefaultValueFactory = _ => "table", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var ptr = new Option<bool>("--show-ptr") { Description = "Include the @ptr column" };
        var endpoint = EndpointOption();
        var command = new Command("query", "Run a Logs Insights query and print the result.") { query, groups, since, start, end, limit, format, ptr, endpoint };
        command.Validators.Add(r =>
        {
            if (r.GetResult(since) is not null && r.GetResult(start) is not null)
            {
                r.AddError("Give either --since or --start/--end, not both.");
            }
        });
        command.SetAction((parseResult, ct) => RunAsync(error, async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var to = parseResult.GetValue(end) is { } e ? TimeArguments.ParseInstant(e) : now;
            var from = parseResult.GetValue(start) is { } s ? TimeArguments.ParseInstant(s)
                : to - TimeArguments.ParseDuration(parseResult.GetValue(since) ?? "1h");
            var text = parseResult.GetRequiredValue(query);
            using var client = CreateClient(httpFactory, parseResult.GetValue(endpoint)!);
            string id;
            try
            {
                using var started = await client.CallAsync("StartQuery", w =>
                {
                    if (parseResult.GetValue(groups) is { Length: > 0 } names)
                    {
                        w.WriteStartArray("logGroupNames");
                        foreach (var name in names)
                        {
                            w.WriteStringValue(name);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteNumber("startTime", from.ToUnixTimeSeconds());
                    w.WriteNumber("endTime", to.ToUnixTimeSeconds());
                    w.WriteString("queryString", text);
                    if (parseResult.GetValue(limit) is { } l)
                    {
                        w.WriteNumber("limit", l);
                    }
                }, ct);
                id = started.RootElement.GetProperty("queryId").GetString()!;
            }
            catch (LogsClientException ex) when (ex.QueryOffset is { } offset)
            {
                error.WriteLine($"error: {ex.ErrorType}: {ex.Message}");
                error.WriteLine("  " + text.ReplaceLineEndings(" "));
                error.WriteLine("  " + new string(' ', Math.Clamp(offset, 0, text.Length)) + "^");
                return 2;
            }

            var delay = TimeSpan.FromMilliseconds(50);
            while (true)
            {
                using var result = await client.CallAsync("GetQueryResults", w => w.WriteString("queryId", id), ct);
                var status = result.RootElement.GetProperty("status").GetString();
                if (status is "Complete")
                {
                    var rows = result.RootElement.GetProperty("results").EnumerateArray()
                        .Select(row => row.EnumerateArray().Select(f => KeyValuePair.Create(f.GetProperty("field").GetString()!, f.GetProperty("value").GetString()!)).ToList())
                        .ToList();
                    QueryOutput.Write(console, output, parseResult.GetValue(format)!, rows, parseResult.GetValue(ptr));
                    var stats = result.RootElement.GetProperty("statistics");
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{rows.Count} rows; {stats.GetProperty("recordsMatched").GetDouble():0} records matched, {stats.GetProperty("recordsScanned").GetDouble():0} scanned, {stats.GetProperty("bytesScanned").GetDouble():0} bytes"));
                    return 0;
                }

                if (status is not ("Scheduled" or "Running"))
                {
                    error.WriteLine($"error: the query ended with status {status}");
                    return 1;
                }

                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }));
        return command;
    }

    private static Command CreateTail(TextWriter output, TextWriter error, Func<HttpClient> httpFactory)
    {
        var group = new Argument<string>("GROUP") { Description = "Log group, e.g. /aws/lambda/my-function" };
        var since = new Option<string>("--since") { Description = "Start this long ago (30s, 10m, 1h, 2d)", DefaultValueFactory = _ => "10m", HelpName = "DURATION" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events until interrupted" };
        var filter = new Option<string?>("--filter") { Description = "A filter pattern: terms, \"phrases\", -exclude, ?any, %regex%, { $.json = value }", HelpName = "PATTERN" };
        var streams = new Option<string[]>("--log-stream-names") { Description = "Only these streams (repeatable)", HelpName = "STREAM" };
        var endpoint = EndpointOption();
        var command = new Command("tail", "Print a log group's events (like aws logs tail).") { group, since, follow, filter, streams, endpoint };
        command.SetAction((parseResult, ct) => RunAsync(error, async () =>
        {
            using var client = CreateClient(httpFactory, parseResult.GetValue(endpoint)!);
            var startTime = (DateTimeOffset.UtcNow - TimeArguments.ParseDuration(parseResult.GetValue(since)!)).ToUnixTimeMilliseconds();
            var seenAtLast = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                string? token = null;
                do
                {
                    using var page = await client.CallAsync("FilterLogEvents", w =>
                    {
                        w.WriteString("logGroupName", parseResult.GetRequiredValue(group));
                        w.WriteNumber("startTime", startTime);
                        if (parseResult.GetValue(filter) is { } pattern)
                        {
                            w.WriteString("filterPattern", pattern);
                        }

                        if (parseResult.GetValue(streams) is { Length: > 0 } names)
                        {
                            w.WriteStartArray("logStreamNames");
                            foreach (var name in names)
                            {
                                w.WriteStringValue(name);
                            }

                            w.WriteEndArray();
                        }

                        if (token is not null)
                        {
                            w.WriteString("nextToken", token);
                        }
                    }, ct);
                    foreach (var e in page.RootElement.GetProperty("events").EnumerateArray())
                    {
                        var id = e.GetProperty("eventId").GetString()!;
                        var ts = e.GetProperty("timestamp").GetInt64();
                        if (ts == startTime && seenAtLast.Contains(id))
                        {
                            continue;
                        }

                        if (ts > startTime)
                        {
                            startTime = ts;
                            seenAtLast.Clear();
                        }

                        seenAtLast.Add(id);
                        var when = DateTimeOffset.FromUnixTimeMilliseconds(ts).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                        output.WriteLine($"{when} {e.GetProperty("logStreamName").GetString()} {e.GetProperty("message").GetString()}");
                    }

                    token = page.RootElement.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
                }
                while (token is not null);

                if (!parseResult.GetValue(follow))
                {
                    return 0;
                }

                await output.FlushAsync(ct);
                await Task.Delay(FollowInterval, ct);
            }
        }));
        return command;
    }

    private static LogsClient CreateClient(Func<HttpClient> httpFactory, string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"--endpoint: '{endpoint}' is not a URL");
        }

        var http = httpFactory();
        http.BaseAddress = uri;
        return new LogsClient(http);
    }

    private static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (LogsClientException ex)
        {
            await error.WriteLineAsync($"error: {ex.ErrorType}: {ex.Message}");
            return 1;
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"error: no Thaw host answers: {ex.Message}");
            return 1;
        }
    }
}
