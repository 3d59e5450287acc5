using Thaw.Logs.Tests.Support;

namespace Thaw.Logs.Tests.Storage;

public sealed class IngestionTests
{
    [Fact]
    public async Task Thirty_concurrent_writers_lose_nothing_and_keep_stream_order_across_a_reopen()
    {
        await using var temp = await TempStore.CreateAsync();
        const int writers = 30, batches = 40, perBatch = 25;
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        async Task Write(int writer, int fromBatch, int toBatch)
        {
            for (var b = fromBatch; b < toBatch; b++)
            {
                var events = Enumerable.Range(0, perBatch)
                    .Select(i => new LogEventInput(t0 + (b * perBatch) + i, $"env {writer} line {(b * perBatch) + i}")).ToList();
                await temp.Store.AppendAsync("/aws/lambda/fn", $"stream-{writer}", events, TestContext.Current.CancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Write(w, 0, batches / 2))));
        await temp.ReopenAsync(); // a host restart in the middle
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Write(w, batches / 2, batches))));
        await temp.ReopenAsync();

        for (var w = 0; w < writers; w++)
        {
            var lines = new List<string>();
            await foreach (var e in temp.Store.ReadStreamAsync("/aws/lambda/fn", $"stream-{w}", 0, TestContext.Current.CancellationToken))
            {
                lines.Add(e.Message);
            }

            Assert.Equal(Enumerable.Range(0, batches * perBatch).Select(i => $"env {w} line {i}"), lines);
        }

        var rows = temp.Query("stats count(*) as n", "/aws/lambda/fn");
        Assert.Equal((writers * batches * perBatch).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(rows)["n"]);
    }

    [Fact]
    public async Task Order_within_a_stream_is_append_order_even_when_the_clock_steps_back()
    {
        await using var temp = await TempStore.CreateAsync();
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await temp.Store.AppendAsync("g", "s", [new(t, "first"), new(t - 5000, "second (clock stepped back)"), new(t + 1, "third")], TestContext.Current.CancellationToken);
        var lines = new List<string>();
        await foreach (var e in temp.Store.ReadStreamAsync("g", "s", 0, TestContext.Current.CancellationToken))
        {
            lines.Add(e.Message);
        }

        Assert.Equal(["first", "second (clock stepped back)", "third"], lines);
    }

    [Fact]
    public async Task Follow_yields_existing_then_new_events_until_cancelled()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.AppendAsync("g", "s", [new(1, "one")], TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        var follower = Task.Run(async () =>
        {
            await foreach (var e in temp.Store.FollowAsync("g", null, 0, cts.Token))
            {
                seen.Add(e.Message);
                if (seen.Count == 3)
                {
                    return;
                }
            }
        }, cts.Token);

        await temp.Store.AppendAsync("g", "s", [new(2, "two")], TestContext.Current.CancellationToken);
        await temp.Store.AppendAsync("g", "other", [new(3, "three")], TestContext.Current.CancellationToken);
        await follower.WaitAsync(cts.Token);
        Assert.Equal(["one", "two", "three"], seen);
    }

    [Fact]
    public async Task Lambda_platform_lines_are_discovered_at_ingestion()
    {
        await using var temp = await TempStore.CreateAsync();
        var id = Guid.NewGuid().ToString();
        await temp.Store.AppendAsync("/aws/lambda/f", "2026/12/04/[12]0123456789abcdef0123456789abcdef",
        [
            new(1, "RESTORE_START Runtime Version: dotnet:10.v1\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:abc"),
            new(2, "RESTORE_REPORT Restore Duration: 326.41 ms"),
            new(3, $"START RequestId: {id} Version: 12"),
            new(4, $"END RequestId: {id}"),
            new(5, $"REPORT RequestId: {id}\tDuration: 2050.47 ms\tBilled Duration: 2051 ms\tMemory Size: 1024 MB\tMax Memory Used: 82 MB\tRestore Duration: 326.41 ms\tBilled Restore Duration: 120 ms\t"),
            new(6, $"REPORT RequestId: {id}\tDuration: 10.00 ms\tBilled Duration: 11 ms\tMemory Size: 128 MB\tMax Memory Used: 14 MB\tInit Duration: 412.00 ms\t"),
        ], TestContext.Current.CancellationToken);
        var rows = temp.Query("filter @type = \"REPORT\" | sort @timestamp asc | display @type, @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @initDuration, @restoreDuration", "/aws/lambda/f");
        Assert.Equal(2, rows.Count);
        Assert.Equal(id, rows[0]["@requestId"]);
        Assert.Equal(("2050.47", "2051", "1024000000", "82000000", "326.41"), (rows[0]["@duration"], rows[0]["@billedDuration"], rows[0]["@memorySize"], rows[0]["@maxMemoryUsed"], rows[0]["@restoreDuration"]));
        Assert.False(rows[0].ContainsKey("@initDuration"));
        Assert.Equal("412", rows[1]["@initDuration"]);
        var types = temp.Query("stats count(*) by @type | sort @type", "/aws/lambda/f").Select(r => r["@type"]);
        Assert.Equal(["END", "REPORT", "RESTORE_REPORT", "RESTORE_START", "START"], types);
    }
}
