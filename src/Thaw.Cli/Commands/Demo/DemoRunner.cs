using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Api.Model;
using Thaw.Cli.Commands.Deploy;
using Thaw.Cli.Commands.Publish;
using Thaw.Cli.Common;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Demo;

/// <summary>
/// The seed's experiment end to end against one host: deploy the MAC probe with SnapStart and K snapshots, publish
/// (K Inits), N concurrent cold starts through the API-Gateway-style front door, the seed's two Insights queries, then
/// what Lambda does not show (snapshot lineage, environments) and the findings.
/// </summary>
internal sealed class DemoRunner(CliContext context, HostConnection connection, DemoOptions options)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LogsSettleTimeout = TimeSpan.FromSeconds(15);

    private readonly LambdaClient _lambda = new(connection);
    private readonly ThawExtensionsClient _thaw = new(connection);
    private readonly LogsClient _logs = new(connection, context.Time, context.PollInterval);

    public async Task<int> RunAsync(string sampleDirectory, CancellationToken cancellationToken)
    {
        var logGroup = DemoQueries.LogGroup(options.FunctionName);

        Section("Deploy", $"{sampleDirectory} as {options.FunctionName}: SnapStart on published versions, {options.Snapshots} snapshots per version, network identity {options.NetworkIdentity}, SLEEP_MS={options.SleepMs}");
        var runId = context.Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        await new Deployer(context, _lambda).DeployAsync(
            new DeployOptions
            {
                Path = sampleDirectory,
                Name = options.FunctionName,
                MemorySize = options.MemorySize,
                Timeout = options.Timeout,

                // A description unique to this run makes PublishVersion publish anew even when the code is unchanged.
                Description = $"thaw demo {runId}",
                SnapStart = true,
                SnapshotCount = options.Snapshots,
                NetworkIdentity = options.NetworkIdentity,
                Environment = new Dictionary<string, string> { ["SLEEP_MS"] = options.SleepMs.ToString(CultureInfo.InvariantCulture) },
            },
            cancellationToken);

        Section("Publish", "PublishVersion: each Init runs the before-snapshot hook (MACs written to /tmp/macaddr.txt), then the environment is snapshotted");
        var publishStart = context.Time.GetUtcNow();
        var version = await PublishCommand.PublishAndWaitAsync(context, _lambda, options.FunctionName, $"thaw demo {runId}", cancellationToken);
        context.Out.Write(FunctionTables.Details(version));
        if (version.State != WireNames.StateActive || version.Version is null)
        {
            context.Error.MarkupLine($"[red]error:[/] version {Markup.Escape(version.Version ?? "?")} is {Markup.Escape(FunctionTables.State(version))}; the experiment cannot go on.");
            return ExitCodes.Failure;
        }

        if (version.SnapStart?.OptimizationStatus is { } optimization && optimization != "On")
        {
            context.Error.MarkupLine($"[yellow]warning:[/] SnapStart OptimizationStatus is {Markup.Escape(optimization)}: cold starts will run Init instead of restoring (see `thaw doctor`).");
        }

        var inits = await QueryAsync("INIT_START lines of the publish", logGroup, DemoQueries.InitStarts, publishStart, cancellationToken);
        int? initStarts = inits is null ? null : inits.Results?.Count ?? 0;

        Section(
            $"{options.Requests} concurrent requests",
            $"GET {WireNames.ApiGatewayPathPrefix}{options.FunctionName}:{version.Version}/ (API Gateway REST proxy events), all at once, as the seed's ab -c {options.Requests} -n {options.Requests}");

        // Whole seconds bound Insights queries; start on a fresh second so that the publish's lines stay out of the window.
        var requestsStart = await NextSecondAsync(cancellationToken);
        var outcomes = await SendRequestsAsync(version.Version, cancellationToken);
        context.Out.Write(RequestSummary(outcomes));
        if (outcomes.All(o => !o.Succeeded))
        {
            throw new CliException($"Every request failed; the first: {outcomes[0].Error ?? $"HTTP {outcomes[0].StatusCode}"}");
        }

        Section("Logs Insights", $"the seed's queries on {logGroup}, over the requests");
        await WaitForReportsAsync(logGroup, requestsStart, outcomes.Count(o => o.Succeeded), cancellationToken);
        var restoreResults = await QueryAsync("Restores", logGroup, DemoQueries.RestoreCount, requestsStart, cancellationToken);
        var macResults = await QueryAsync("MACs by interface", logGroup, DemoQueries.MacsByInterface, requestsStart, cancellationToken);

        Section("What Lambda does not show", "the snapshots (which Init made which, its MACs) and the environments (which snapshot each came from, its MACs)");
        var snapshots = await TryAsync("snapshots", () => _thaw.ListSnapshotsAsync(options.FunctionName, version.Version, cancellationToken));
        if (snapshots is not null)
        {
            context.Out.MarkupLine($"[bold]Snapshots of version {Markup.Escape(version.Version)}[/] ({snapshots.Count}):");
            context.Out.Write(SnapshotTables.List(snapshots));
        }

        var environments = (await TryAsync("environments", () => _thaw.ListEnvironmentsAsync(cancellationToken)))
            ?.Where(e => e.FunctionName == options.FunctionName && e.Version == version.Version).ToList();
        if (environments is not null)
        {
            context.Out.MarkupLine($"[bold]Environments of version {Markup.Escape(version.Version)}[/] ({environments.Count}):");
            context.Out.Write(EnvironmentTables.List(environments, bySnapshot: true));
        }

        Section("Findings", "in the seed's terms");
        var findings = DemoFindings.Explain(new DemoObservations
        {
            NetworkIdentity = options.NetworkIdentity,
            InitStarts = initStarts,
            Requests = outcomes,
            RestoreReports = restoreResults is null ? null : ParseCount(restoreResults),
            MacCounts = macResults is null ? null : ParseMacCounts(macResults),
            Snapshots = snapshots,
            Environments = environments,
        });
        foreach (var finding in findings)
        {
            context.Out.MarkupLine($" • {Markup.Escape(finding)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The single number of <c>stats count(*)</c>, whatever the column is called.</summary>
    public static long ParseCount(GetQueryResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cell = results.Results?.FirstOrDefault()?.FirstOrDefault(c => c.Field != InsightsTables.PointerField);
        return cell?.Value is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? (long)n : 0;
    }

    /// <summary>Rows of the MAC query as (interface, MAC, lines); a prefix before the interface name (timestamps, request ids) is dropped.</summary>
    public static IReadOnlyList<MacCount> ParseMacCounts(GetQueryResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = new List<MacCount>();
        foreach (var row in results.Results ?? [])
        {
            string? Cell(string name) => row.FirstOrDefault(c => c.Field == name)?.Value;
            var nic = Cell("nicName")?.Trim();
            var mac = Cell("macAddr")?.Trim();
            var count = row.FirstOrDefault(c => c.Field is not ("nicName" or "macAddr" or InsightsTables.PointerField))?.Value;
            if (nic is null || mac is null || !double.TryParse(count, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            var lastSeparator = nic.LastIndexOfAny([' ', '\t']);
            list.Add(new MacCount(lastSeparator >= 0 ? nic[(lastSeparator + 1)..] : nic, mac, (long)n));
        }

        return list;
    }

    private void Section(string title, string subtitle)
    {
        context.Out.WriteLine();
        context.Out.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
        context.Out.MarkupLine($"[grey]{Markup.Escape(subtitle)}[/]");
    }

    private async Task<DateTimeOffset> NextSecondAsync(CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var next = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        await Task.Delay(next - now, context.Time, cancellationToken);
        return next;
    }

    private async Task<IReadOnlyList<RequestOutcome>> SendRequestsAsync(string version, CancellationToken cancellationToken)
    {
        var uri = connection.Resolve($"{WireNames.ApiGatewayPathPrefix}{Uri.EscapeDataString(options.FunctionName)}:{Uri.EscapeDataString(version)}/");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, options.Requests).Select(async _ =>
        {
            await go.Task;
            var clock = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RequestTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await connection.SendAsync(request, timeout.Token);
                var body = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(timeout.Token);
                return new RequestOutcome((int)response.StatusCode, clock.Elapsed, body);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new RequestOutcome(0, clock.Elapsed, $"no answer within {RequestTimeout.TotalMinutes:0} min");
            }
            catch (HttpRequestException e)
            {
                return new RequestOutcome(0, clock.Elapsed, e.Message);
            }
        }).ToList();

        return await context.Error.Status().StartAsync($"{options.Requests} requests in flight…", async _ =>
        {
            go.SetResult();
            return await Task.WhenAll(tasks);
        });
    }

    private static Table RequestSummary(IReadOnlyList<RequestOutcome> outcomes)
    {
        var table = Tables.Create("Status", "Requests", "Fastest", "Median", "Slowest", "First error");
        foreach (var group in outcomes.GroupBy(o => o.StatusCode).OrderBy(g => g.Key))
        {
            var times = group.Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
            Tables.AddRow(
                table,
                group.Key == 0 ? "no answer" : group.Key.ToString(CultureInfo.InvariantCulture),
                group.Count().ToString(CultureInfo.InvariantCulture),
                Format.Milliseconds(times[0]),
                Format.Milliseconds(times[times.Count / 2]),
                Format.Milliseconds(times[^1]),
                Format.Text(group.Select(o => o.Error).FirstOrDefault(e => e is not null)?.Trim()));
        }

        return table;
    }

    /// <summary>
    /// The host stores logs through a batching writer, so the last lines may land just after the responses. Polls the
    /// REPORT count until every successful request is accounted for (or a deadline passes, which is reported).
    /// </summary>
    private async Task WaitForReportsAsync(string logGroup, DateTimeOffset from, int expected, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(LogsSettleTimeout, context.Time);
        long seen = 0;
        while (!deadline.IsCancellationRequested)
        {
            var request = new StartQueryRequest
            {
                LogGroupName = logGroup,
                StartTime = from.ToUnixTimeSeconds(),
                EndTime = context.Time.GetUtcNow().ToUnixTimeSeconds() + 1,
                QueryString = DemoQueries.Reports,
            };
            var results = await TryAsync("the REPORT count", () => _logs.RunQueryAsync(request, QueryTimeout, cancellationToken));
            if (results is null)
            {
                return;
            }

            seen = ParseCount(results);
            if (seen >= expected)
            {
                return;
            }

            try
            {
                await Task.Delay(context.PollInterval, context.Time, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        context.Error.MarkupLine($"[yellow]warning:[/] only {seen} of {expected} REPORT lines are in the logs after {LogsSettleTimeout.TotalSeconds:0} s; the counts below may be short.");
    }

    private async Task<GetQueryResultsResponse?> QueryAsync(string title, string logGroup, string query, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var request = new StartQueryRequest
        {
            LogGroupName = logGroup,
            StartTime = from.ToUnixTimeSeconds(),
            EndTime = context.Time.GetUtcNow().ToUnixTimeSeconds() + 1,
            QueryString = query,
        };
        var results = await TryAsync($"the query \"{title}\"", () => context.Error.Status().StartAsync(
            $"Logs Insights: {Markup.Escape(title)}…",
            _ => _logs.RunQueryAsync(request, QueryTimeout, cancellationToken)));
        if (results is null)
        {
            return null;
        }

        context.Out.MarkupLine($"[bold]{Markup.Escape(title)}[/] [grey]({results.Results?.Count ?? 0} rows)[/]");
        context.Out.MarkupLine($"[grey]{Markup.Escape(query)}[/]");
        context.Out.Write(InsightsTables.Render(results));
        return results;
    }

    /// <summary>Runs a step whose failure should not end the demo (an extension or the Logs API missing); says what failed.</summary>
    private async Task<T?> TryAsync<T>(string what, Func<Task<T>> step)
        where T : class
    {
        try
        {
            return await step();
        }
        catch (LambdaApiException e)
        {
            context.Error.MarkupLine($"[yellow]warning:[/] could not get {Markup.Escape(what)}: {Markup.Escape(e.ErrorType)}: {Markup.Escape(e.Message)}");
            return null;
        }
        catch (TimeoutException e)
        {
            context.Error.MarkupLine($"[yellow]warning:[/] could not get {Markup.Escape(what)}: {Markup.Escape(e.Message)}");
            return null;
        }
    }
}
