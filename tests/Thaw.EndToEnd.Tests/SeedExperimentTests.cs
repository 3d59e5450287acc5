using System.Net;
using System.Text.Json.Nodes;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>
/// The seed's experiment in small: MacAddressProbe with SnapStart, concurrent requests through the API-Gateway-style
/// front door, then the seed's two Logs Insights queries through the Logs API, checked against counts computed here
/// from the raw log events.
/// </summary>
public sealed class SeedExperimentTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    [Fact]
    public async Task The_seeds_queries_count_restores_and_network_identities()
    {
        var package = await Artifacts.SampleAsync("MacAddressProbe");
        var created = await Lambda.CreateFunctionAsync("probe", package, b =>
        {
            b["SnapStart"] = new JsonObject { ["ApplyOn"] = "PublishedVersions" };
            b["ThawSnapshotCount"] = 2;
            b["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["SLEEP_MS"] = "300" } };
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var version = await Lambda.PublishAndWaitAsync("probe");
        Assert.Equal("On", version.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Lambda.Http.GetAsync("/apigw/probe:1/hello", TestContext.Current.CancellationToken)));
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("{}", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var restores = (await Lambda.SendAsync(HttpMethod.Get, "/thaw/v1/environments?FunctionName=probe", null)).Json
            .GetProperty("Environments").EnumerateArray().Count(e => e.GetProperty("InitType").GetString() == "restore");
        Assert.InRange(restores, 1, 6);

        // Wait until every invocation's REPORT is stored, then compute the expected answers from the raw events.
        var events = await LambdaHttp.WaitUntilAsync<bool>(async () =>
            (await Lambda.AllLogEventsAsync("/aws/lambda/probe")).Count(e => e.Message.StartsWith("REPORT", StringComparison.Ordinal)) >= 6 ? true : null, TimeSpan.FromSeconds(30))
            is true ? await Lambda.AllLogEventsAsync("/aws/lambda/probe") : [];

        var restoreReports = await Lambda.QueryAsync("/aws/lambda/probe", "filter @message like /RESTORE_REPORT/ | stats count(*)");
        Assert.Equal(events.Count(e => e.Message.Contains("RESTORE_REPORT", StringComparison.Ordinal)), int.Parse(restoreReports.Single()["count(*)"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(restores, int.Parse(restoreReports.Single()["count(*)"], System.Globalization.CultureInfo.InvariantCulture));

        var rows = await Lambda.QueryAsync("/aws/lambda/probe",
            "filter @message like /telemetry1_sb/ or @message like /vinternal_1/ | parse @message \"*:*\" as nicName, macAddr | stats count(*) by nicName, macAddr | sort nicName, macAddr");
        var expected = events
            .Where(e => e.Message.Contains("telemetry1_sb", StringComparison.Ordinal) || e.Message.Contains("vinternal_1", StringComparison.Ordinal))
            .Select(e => e.Message.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => (Nic: p[0], Mac: p[1]))
            .Select(g => (g.Key.Nic, g.Key.Mac, g.Count()))
            .ToHashSet();
        var actual = rows.Select(r => (r["nicName"], r["macAddr"], int.Parse(r["count(*)"], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expected, actual.ToHashSet());
        Assert.Equal(expected.Count, actual.Count);
        // `sort nicName, macAddr` groups the rows by interface (Logs Insights compares MACs in its natural order).
        Assert.Equal(actual.Select(r => r.Item1).Order(StringComparer.Ordinal), actual.Select(r => r.Item1));

        // The lines are the seed's: interface name, colon, MAC with dashes; two Inits → at most four network identities.
        Assert.Equal(["telemetry1_sb", "vinternal_1"], rows.Select(r => r["nicName"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Matches("^([0-9A-F]{2}-){5}[0-9A-F]{2}$", r["macAddr"]));
        Assert.InRange(rows.Count, 2, 4);
    }
}
