using System.Net;
using System.Text.Json.Nodes;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>Bad input gets AWS's error shapes (code in x-amzn-ErrorType, message in the body) and never hurts the host.</summary>
public sealed class BadInputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    [Fact]
    public async Task Malformed_json_is_InvalidRequestContentException()
    {
        var r = await Lambda.SendAsync(HttpMethod.Post, "/2015-03-31/functions", "{\"FunctionName\": ");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("InvalidRequestContentException", r.ErrorType);
        Assert.Contains("Could not parse request body into json", r.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_function_or_qualifier_is_ResourceNotFoundException()
    {
        var missing = await Lambda.GetConfigurationAsync("does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("ResourceNotFoundException", missing.ErrorType);
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:000000000000:function:does-not-exist", missing.Json.GetProperty("Message").GetString());
        Assert.Equal("User", missing.Json.GetProperty("Type").GetString());

        await Lambda.CreateFunctionAsync("known", ShellFunction.Package());
        var badVersion = await Lambda.InvokeAsync("known:42");
        Assert.Equal(HttpStatusCode.NotFound, badVersion.Status);
        Assert.Equal("ResourceNotFoundException", badVersion.ErrorType);
        var badAlias = await Lambda.InvokeAsync("known:live");
        Assert.Equal("ResourceNotFoundException", badAlias.ErrorType);
    }

    [Theory]
    [InlineData("FunctionName", "bad name!")]
    [InlineData("MemorySize", "64")]
    [InlineData("MemorySize", "20000")]
    [InlineData("Timeout", "0")]
    [InlineData("Timeout", "901")]
    [InlineData("Runtime", "cobol85")]
    [InlineData("Environment", "AWS_REGION")]
    [InlineData("EphemeralStorage", "100")]
    public async Task Invalid_parameters_are_InvalidParameterValueException(string member, string value)
    {
        var r = await Lambda.CreateFunctionAsync("param-" + Guid.NewGuid().ToString("N")[..8], ShellFunction.Package(), b =>
        {
            switch (member)
            {
                case "FunctionName": b["FunctionName"] = value; break;
                case "MemorySize": b["MemorySize"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Timeout": b["Timeout"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "Runtime": b["Runtime"] = value; break;
                case "Environment": b["Environment"] = new JsonObject { ["Variables"] = new JsonObject { [value] = "x" } }; break;
                case "EphemeralStorage": b["EphemeralStorage"] = new JsonObject { ["Size"] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }; break;
                default: throw new ArgumentOutOfRangeException(nameof(member));
            }
        });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("InvalidParameterValueException", r.ErrorType);
        Assert.False(string.IsNullOrEmpty(r.Json.GetProperty("message").GetString()));
        var list = await Lambda.SendAsync(HttpMethod.Get, "/2015-03-31/functions/", null);
        Assert.DoesNotContain(list.Json.GetProperty("Functions").EnumerateArray(), f => f.GetProperty("FunctionName").GetString()!.StartsWith("param-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payload_over_6_MB_is_RequestTooLargeException()
    {
        await Lambda.CreateFunctionAsync("big", ShellFunction.Package());
        var payload = "\"" + new string('x', (6 * 1024 * 1024) + 10) + "\"";
        var r = await Lambda.InvokeAsync("big", payload);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.Status);
        Assert.Equal("RequestTooLargeException", r.ErrorType);
    }

    [Fact]
    public async Task Over_the_reserved_concurrency_is_TooManyRequestsException()
    {
        await Lambda.CreateFunctionAsync("limited", ShellFunction.Package());
        var put = await Lambda.SendAsync(HttpMethod.Put, "/2017-10-31/functions/limited/concurrency", """{"ReservedConcurrentExecutions":1}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Lambda.InvokeAsync("limited", """{"action":"sleep","seconds":2}""")));
        Assert.Contains(results, r => r.Status == HttpStatusCode.OK);
        var throttled = Assert.Single(results.Where(r => r.Status == HttpStatusCode.TooManyRequests).Take(1));
        Assert.Equal("TooManyRequestsException", throttled.ErrorType);
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", throttled.Json.GetProperty("Reason").GetString());

        var tooMuch = await Lambda.SendAsync(HttpMethod.Put, "/2017-10-31/functions/limited/concurrency", """{"ReservedConcurrentExecutions":950}""");
        Assert.Equal("InvalidParameterValueException", tooMuch.ErrorType);
    }

    [Fact]
    public async Task Conflicting_creates_and_stale_revisions_are_rejected()
    {
        var first = await Lambda.CreateFunctionAsync("twice", ShellFunction.Package());
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var again = await Lambda.CreateFunctionAsync("twice", ShellFunction.Package());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ResourceConflictException", again.ErrorType);

        var stale = await Lambda.SendAsync(HttpMethod.Put, "/2015-03-31/functions/twice/configuration", """{"Timeout":5,"RevisionId":"not-the-current-one"}""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("PreconditionFailedException", stale.ErrorType);
        var unchanged = await Lambda.GetConfigurationAsync("twice");
        Assert.Equal(10, unchanged.Json.GetProperty("Timeout").GetInt32());
    }

    [Fact]
    public async Task A_corrupt_zip_is_rejected_and_nothing_is_created()
    {
        var bad = ShellFunction.Package() with { Zip = [1, 2, 3, 4] };
        var r = await Lambda.CreateFunctionAsync("badzip", bad);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("InvalidParameterValueException", r.ErrorType);
        Assert.Equal("ResourceNotFoundException", (await Lambda.GetConfigurationAsync("badzip")).ErrorType);
    }

    [Fact]
    public async Task Invalid_payload_json_is_rejected_before_running_anything()
    {
        await Lambda.CreateFunctionAsync("strict", ShellFunction.Package());
        var r = await Lambda.InvokeAsync("strict", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("InvalidRequestContentException", r.ErrorType);
    }
}
