using System.Globalization;
using System.Text.Json;
using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Insights;

/// <summary>Commands and aggregations over generated Lambda logs; every expectation is computed here with LINQ.</summary>
public sealed class LambdaQueryTests(LambdaDatasetFixture fixture) : IClassFixture<LambdaDatasetFixture>
{
    private const string G = LambdaDatasetFixture.Group;

    private List<Dictionary<string, string>> Q(string query) => fixture.Temp.Query(query, G);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Messages(LambdaDatasetFixture f) => f.Data.Events.Select(e => e.Event.Message);

    [Fact]
    public void Seed_query_counts_RESTORE_REPORT_lines()
    {
        var rows = Q("filter @message like /RESTORE_REPORT/ | stats count(*)");
        var expected = Messages(fixture).Count(m => m.Contains("RESTORE_REPORT", StringComparison.Ordinal));
        Assert.True(expected > 0);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), Assert.Single(rows)["count(*)"]);
    }

    [Fact]
    public void Seed_query_parses_nic_and_mac_and_counts_by_both_sorted()
    {
        var rows = Q("filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr");
        var expected = Messages(fixture)
            .Where(m => m.Contains("telemetry1_sb", StringComparison.Ordinal) || m.Contains("vinternal_1", StringComparison.Ordinal))
            .Select(m => (Nic: m[..m.IndexOf(':', StringComparison.Ordinal)], Mac: m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..]))
            .GroupBy(x => x)
            .OrderBy(g => g.Key.Nic, StringComparer.Ordinal).ThenBy(g => g.Key.Mac, StringComparer.Ordinal)
            .Select(g => (g.Key.Nic, g.Key.Mac, Count: g.Count().ToString(CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(expected, rows.Select(r => (r["nicName"], r["macAddr"], r["count(*)"])).ToList());
        Assert.Equal(["nicName", "macAddr", "count(*)"], rows[0].Keys);
    }

    [Fact]
    public void Stats_by_type_counts_each_platform_line_kind()
    {
        var rows = Q("stats count(*) as n by @type");
        string[] kinds = ["START", "END", "REPORT", "INIT_START", "RESTORE_START", "RESTORE_REPORT"];
        foreach (var kind in kinds)
        {
            var expected = Messages(fixture).Count(m => m.StartsWith(kind + " ", StringComparison.Ordinal));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), rows.Single(r => r.GetValueOrDefault("@type") == kind)["n"]);
        }

        // Function lines have no @type: their group has the type column missing.
        var untyped = Messages(fixture).Count(m => !kinds.Any(k => m.StartsWith(k + " ", StringComparison.Ordinal)));
        Assert.Equal(untyped.ToString(CultureInfo.InvariantCulture), rows.Single(r => !r.ContainsKey("@type"))["n"]);
    }

    [Fact]
    public void Report_aggregations_match_linq()
    {
        var row = Assert.Single(Q("""
            filter @type = "REPORT"
            | stats count(*) as n, avg(@duration) as avg, sum(@billedDuration) as billed, min(@duration) as mn, max(@duration) as mx,
                pct(@duration, 99) as p99, percentile(@duration, 50) as p50, stddev(@duration) as sd, count_distinct(@logStream) as envs,
                count(@initDuration) as inits, count(@restoreDuration) as restores, max(@maxMemoryUsed / 1000 / 1000) as maxMb,
                max(@memorySize) as memory
            """));
        var inv = fixture.Data.Invocations;
        var durations = inv.Select(i => i.Duration).ToList();
        Assert.Equal(inv.Count.ToString(CultureInfo.InvariantCulture), row["n"]);
        Assert.Equal(durations.Average(), D(row["avg"]), 6);
        Assert.Equal(inv.Sum(i => i.Billed), D(row["billed"]));
        Assert.Equal(durations.Min(), D(row["mn"]));
        Assert.Equal(durations.Max(), D(row["mx"]));
        Assert.Equal(Percentile.NearestRank(durations, 99), D(row["p99"]));
        Assert.Equal(Percentile.NearestRank(durations, 50), D(row["p50"]));
        var mean = durations.Average();
        Assert.Equal(Math.Sqrt(durations.Sum(d => (d - mean) * (d - mean)) / (durations.Count - 1)), D(row["sd"]), 6);
        Assert.Equal(inv.Select(i => i.Stream).Distinct().Count(), int.Parse(row["envs"], CultureInfo.InvariantCulture));
        Assert.Equal(inv.Count(i => i.InitDuration is not null), int.Parse(row["inits"], CultureInfo.InvariantCulture));
        Assert.Equal(inv.Count(i => i.RestoreDuration is not null), int.Parse(row["restores"], CultureInfo.InvariantCulture));
        Assert.Equal(inv.Max(i => i.MaxMemoryMb), D(row["maxMb"]));
        Assert.Equal("1024000000", row["memory"]);
    }

    [Fact]
    public void Cold_start_percentile_query_of_dotnet_lambda_users()
    {
        // aws-samples/serverless-dotnet-demo README (anchors.md §7.3).
        var rows = Q("""
            filter @type="REPORT"
            | fields greatest(@initDuration, 0) + @duration as duration, ispresent(@initDuration) as coldstart
            | stats count(*) as count, pct(duration, 50) as p50, pct(duration, 90) as p90, pct(duration, 99) as p99, max(duration) as max by coldstart
            """);
        Assert.Equal(["0", "1"], rows.Select(r => r["coldstart"]));
        foreach (var cold in new[] { false, true })
        {
            var values = fixture.Data.Invocations.Where(i => (i.InitDuration is not null) == cold)
                .Select(i => Math.Max(i.InitDuration ?? 0, 0) + i.Duration).ToList();
            var row = rows.Single(r => r["coldstart"] == (cold ? "1" : "0"));
            Assert.Equal(values.Count.ToString(CultureInfo.InvariantCulture), row["count"]);
            Assert.Equal(Percentile.NearestRank(values, 50), D(row["p50"]), 6);
            Assert.Equal(Percentile.NearestRank(values, 90), D(row["p90"]), 6);
            Assert.Equal(Percentile.NearestRank(values, 99), D(row["p99"]), 6);
            Assert.Equal(values.Max(), D(row["max"]), 6);
            Assert.Equal(["coldstart", "count", "p50", "p90", "p99", "max"], row.Keys);
        }
    }

    [Fact]
    public void SnapStart_query_with_regex_parse_of_log_and_restore_duration()
    {
        // The AWS SnapStart monitoring page's query shape (anchors.md §7.3).
        var rows = Q("""
            filter @type = "REPORT"
            | parse @log /\d+:\/aws\/lambda\/(?<function>.*)/
            | parse @message /Restore Duration: (?<restoreDuration>.*?) ms/
            | stats count(*) as invocations,
                pct(@duration+coalesce(@initDuration,0)+coalesce(restoreDuration,0), 99.9) as p999
                group by function, (ispresent(@initDuration) or ispresent(restoreDuration)) as coldstart
            | sort by coldstart desc
            """);
        Assert.Equal(["1", "0"], rows.Select(r => r["coldstart"]));
        Assert.All(rows, r => Assert.Equal("probe", r["function"]));
        foreach (var row in rows)
        {
            var cold = row["coldstart"] == "1";
            var values = fixture.Data.Invocations.Where(i => (i.InitDuration is not null || i.RestoreDuration is not null) == cold)
                .Select(i => i.Duration + (i.InitDuration ?? 0) + (i.RestoreDuration ?? 0)).ToList();
            Assert.Equal(values.Count.ToString(CultureInfo.InvariantCulture), row["invocations"]);
            Assert.Equal(Percentile.NearestRank(values, 99.9), D(row["p999"]), 6);
        }
    }

    [Fact]
    public void RestoreDuration_extension_field_equals_the_parsed_value()
    {
        var rows = Q("filter ispresent(@restoreDuration) | parse @message /Restore Duration: (?<rd>[0-9.]+) ms/ | fields rd = @restoreDuration as same | stats count(*) as n, sum(same) as equal");
        var expected = fixture.Data.Invocations.Count(i => i.RestoreDuration is not null);
        var row = Assert.Single(rows);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), row["n"]);
        Assert.Equal(row["n"], row["equal"]);
    }

    [Fact]
    public void Bin_groups_by_period_in_ascending_time()
    {
        var rows = Q("filter @type = \"REPORT\" | stats count(*) by bin(1h)");
        var expected = fixture.Data.Invocations.GroupBy(i => i.Timestamp / 3_600_000 * 3_600_000).OrderBy(g => g.Key)
            .Select(g => (DateTimeOffset.FromUnixTimeMilliseconds(g.Key).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), g.Count().ToString(CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(expected, rows.Select(r => (r["bin(1h)"], r["count(*)"])).ToList());
    }

    [Fact]
    public void Stats_of_discovered_numbers_keeps_groups_without_values_and_counts_all_matched()
    {
        // Rows without @initDuration are skipped in SQL for the aggregation, but their bins still exist.
        var (rows, progress) = fixture.Temp.QueryWithProgress("stats max(@initDuration) as m, count(@initDuration) as n by bin(1h)", null, G);
        var bins = fixture.Data.Events.GroupBy(e => e.Event.TimestampMs / 3_600_000 * 3_600_000).OrderBy(g => g.Key).ToList();
        Assert.Equal(bins.Count, rows.Count);
        foreach (var (bin, row) in bins.Zip(rows))
        {
            var inits = fixture.Data.Invocations.Where(i => i.InitDuration is not null && i.Timestamp / 3_600_000 * 3_600_000 == bin.Key).ToList();
            Assert.Equal(inits.Count.ToString(CultureInfo.InvariantCulture), row["n"]);
            Assert.Equal(inits.Count == 0 ? null : inits.Max(i => i.InitDuration!.Value).ToString(CultureInfo.InvariantCulture), row.GetValueOrDefault("m"));
        }

        Assert.Equal(fixture.Data.Events.Count, progress.RecordsMatched);
    }

    [Fact]
    public void Sort_limit_and_display()
    {
        var rows = Q("filter @type = \"REPORT\" | sort @duration desc | limit 5 | display @requestId, @duration");
        var expected = fixture.Data.Invocations.OrderByDescending(i => i.Duration).Take(5).Select(i => i.RequestId).ToList();
        Assert.Equal(expected, rows.Select(r => r["@requestId"]).ToList());
        Assert.All(rows, r => Assert.Equal(["@requestId", "@duration", "@ptr"], r.Keys));
    }

    [Fact]
    public void Default_result_is_timestamp_message_and_ptr_newest_first()
    {
        var rows = Q("filter @type = \"REPORT\" | limit 3");
        var expected = fixture.Data.Invocations.OrderByDescending(i => i.Timestamp).Take(3).ToList();
        Assert.Equal(3, rows.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(["@timestamp", "@message", "@ptr"], rows[i].Keys);
            Assert.Contains(expected[i].RequestId, rows[i]["@message"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dedup_keeps_the_first_row_per_key_in_sort_order()
    {
        var rows = Q("filter @type = \"REPORT\" | fields @logStream, @duration | sort @duration desc | dedup @logStream");
        var expected = fixture.Data.Invocations.GroupBy(i => i.Stream).Select(g => g.Max(i => i.Duration)).OrderByDescending(d => d).ToList();
        Assert.Equal(expected, rows.Select(r => D(r["@duration"])).ToList());
    }

    [Fact]
    public void Dedup_without_sort_uses_newest_first()
    {
        var rows = Q("filter @type = \"REPORT\" | fields @requestId | dedup @logStream");
        var expected = fixture.Data.Invocations.GroupBy(i => i.Stream).Select(g => g.MaxBy(i => i.Timestamp)!.RequestId).ToHashSet();
        Assert.Equal(expected, rows.Select(r => r["@requestId"]).ToHashSet());
    }

    [Fact]
    public void Json_fields_and_request_id_of_application_lines_are_discovered()
    {
        var rows = Q("filter ispresent(user) | stats count(*) as c, avg(latency) as l, count_distinct(@requestId) as r by user");
        var parsed = Messages(fixture).Where(m => m.Contains("\"user\"", StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m[m.IndexOf('{', StringComparison.Ordinal)..]).RootElement)
            .Select(e => (User: e.GetProperty("user").GetString()!, Latency: e.GetProperty("latency").GetDouble())).ToList();
        var expected = parsed.GroupBy(p => p.User).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(g => g.Key), rows.Select(r => r["user"]));
        foreach (var (group, row) in expected.Zip(rows))
        {
            Assert.Equal(group.Count().ToString(CultureInfo.InvariantCulture), row["c"]);
            Assert.Equal(group.Average(g => g.Latency), D(row["l"]), 6);
            Assert.Equal(row["c"], row["r"]);
        }
    }

    [Fact]
    public void Earliest_latest_and_second_stats()
    {
        var rows = Q("filter @type = \"REPORT\" | stats earliest(@requestId) as e, latest(@requestId) as l, count(*) as n by @logStream");
        foreach (var row in rows)
        {
            var mine = fixture.Data.Invocations.Where(i => i.Stream == row["@logStream"]).ToList();
            Assert.Equal(mine.MinBy(i => i.Timestamp)!.RequestId, row["e"]);
            Assert.Equal(mine.MaxBy(i => i.Timestamp)!.RequestId, row["l"]);
        }

        var second = Assert.Single(Q("filter @type = \"REPORT\" | stats count(*) as n by @logStream | stats count(*) as envs, sum(n) as total"));
        Assert.Equal(fixture.Data.Invocations.Select(i => i.Stream).Distinct().Count().ToString(CultureInfo.InvariantCulture), second["envs"]);
        Assert.Equal(fixture.Data.Invocations.Count.ToString(CultureInfo.InvariantCulture), second["total"]);
    }

    [Fact]
    public void Filter_after_stats_and_arithmetic_over_aggregates()
    {
        var rows = Q("filter @type = \"REPORT\" | stats max(@duration) as m, sum(@billedDuration) / 1000 as seconds by @logStream | filter m > 2000 | sort m desc");
        var expected = fixture.Data.Invocations.GroupBy(i => i.Stream)
            .Select(g => (Max: g.Max(i => i.Duration), Seconds: g.Sum(i => i.Billed) / 1000.0)).Where(x => x.Max > 2000).OrderByDescending(x => x.Max).ToList();
        Assert.Equal(expected.Select(x => x.Max), rows.Select(r => D(r["m"])));
        Assert.Equal(expected.Select(x => x.Seconds), rows.Select(r => D(r["seconds"])));
    }

    [Fact]
    public void Statistics_report_matched_scanned_and_bytes()
    {
        var (rows, progress) = fixture.Temp.QueryWithProgress("filter @type = \"REPORT\" | stats count(*)", null, G);
        Assert.Single(rows);
        Assert.Equal(fixture.Data.Invocations.Count, progress.RecordsMatched);
        Assert.Equal(fixture.Data.Events.Count, progress.RecordsScanned);
        Assert.Equal(fixture.Data.Events.Sum(e => System.Text.Encoding.UTF8.GetByteCount(e.Event.Message)), progress.BytesScanned);
    }

    [Fact]
    public void Api_limit_caps_rows_and_limit_command_wins()
    {
        Assert.Equal(7, fixture.Temp.QueryWithProgress("fields @message", 7, G).Rows.Count);
        Assert.Equal(3, fixture.Temp.QueryWithProgress("fields @message | limit 3", 7, G).Rows.Count);
        Assert.Equal(Math.Min(10_000, fixture.Data.Events.Count), Q("fields @message").Count);
    }
}
