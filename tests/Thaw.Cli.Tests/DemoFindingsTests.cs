using Thaw.Cli.Api.Model;
using Thaw.Cli.Commands.Demo;

namespace Thaw.Cli.Tests;

/// <summary>The findings are computed from what was observed: a different outcome reads differently.</summary>
public sealed class DemoFindingsTests
{
    [Fact]
    public void Regenerated_identities_are_reported_as_fresh_and_unshared()
    {
        var snapshot = new SnapshotRecord { SnapshotId = "s1", InitEnvironmentId = "i1", Interfaces = [Nic("vinternal_1", "02:00:00:00:00:01")] };
        var environments = new[]
        {
            new EnvironmentRecord { EnvironmentId = "e1", SnapshotId = "s1", Interfaces = [Nic("vinternal_1", "02:00:00:00:00:aa")] },
            new EnvironmentRecord { EnvironmentId = "e2", SnapshotId = "s1", Interfaces = [Nic("vinternal_1", "02:00:00:00:00:bb")] },
        };

        var findings = DemoFindings.Explain(new DemoObservations
        {
            NetworkIdentity = "regenerate",
            Requests = [new RequestOutcome(200, TimeSpan.FromSeconds(2), null), new RequestOutcome(200, TimeSpan.FromSeconds(2), null)],
            RestoreReports = 2,
            Snapshots = [snapshot],
            Environments = environments,
        });

        Assert.Contains(findings, f => f.Contains("2 of 2 restored environments got fresh MACs", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("No two live environments share a MAC address", StringComparison.Ordinal));
    }

    [Fact]
    public void Line_counts_that_do_not_add_up_are_called_out()
    {
        var findings = DemoFindings.Explain(new DemoObservations
        {
            NetworkIdentity = "preserve",
            Requests = [new RequestOutcome(200, TimeSpan.Zero, null), new RequestOutcome(200, TimeSpan.Zero, null), new RequestOutcome(500, TimeSpan.Zero, "boom")],
            RestoreReports = 1,
            MacCounts = [new MacCount("vinternal_1", "02-00-00-00-00-01", 10)],
        });

        Assert.Contains(findings, f => f.Contains("2 of 3 concurrent requests succeeded", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("1 request(s) were cold starts served by restoring a snapshot and 1 reused a warm environment", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("A count of 1 × 8 + 1 × 4 = 12 was expected: fewer means the after-restore hook did not print", StringComparison.Ordinal));
    }

    [Fact]
    public void Mac_spellings_of_the_host_and_the_probe_compare_equal()
    {
        Assert.Equal("02-AB-00-00-00-01", DemoFindings.NormalizeMac("02:ab:00:00:00:01"));
        Assert.Equal("02-AB-00-00-00-01", DemoFindings.NormalizeMac("02-AB-00-00-00-01"));
    }

    [Fact]
    public void Query_rows_are_parsed_whatever_the_count_column_is_called()
    {
        var results = new GetQueryResultsResponse
        {
            Results =
            [
                [new ResultField { Field = "nicName", Value = "2026-12-04T16:00:00Z\tabc\tvinternal_1" }, new ResultField { Field = "macAddr", Value = "02-00" }, new ResultField { Field = "count(*)", Value = "24" }],
                [new ResultField { Field = "nicName", Value = "telemetry1_sb" }, new ResultField { Field = "macAddr", Value = "02-01" }, new ResultField { Field = "count", Value = "4" }],
            ],
        };

        var rows = DemoRunner.ParseMacCounts(results);

        Assert.Equal([new MacCount("vinternal_1", "02-00", 24), new MacCount("telemetry1_sb", "02-01", 4)], rows);
        Assert.Equal(29, DemoRunner.ParseCount(new GetQueryResultsResponse { Results = [[new ResultField { Field = "count(*)", Value = "29" }]] }));
        Assert.Equal(0, DemoRunner.ParseCount(new GetQueryResultsResponse { Results = [] }));
    }

    private static NetworkInterfaceRecord Nic(string name, string mac) => new() { Name = name, MacAddress = mac };
}
