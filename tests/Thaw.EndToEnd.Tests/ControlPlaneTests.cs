using System.Net;
using System.Text.Json;
using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>Versions, aliases, updates and listing through the Lambda API.</summary>
public sealed class ControlPlaneTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LambdaHttp Lambda => fixture.Lambda;

    [Fact]
    public async Task Versions_aliases_and_updates_behave_as_on_Lambda()
    {
        await Lambda.CreateFunctionAsync("ver", ShellFunction.Package());
        var v1 = await Lambda.PublishAndWaitAsync("ver");
        Assert.Equal("1", v1.GetProperty("Version").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:ver:1", v1.GetProperty("FunctionArn").GetString());
        Assert.Equal("Active", v1.GetProperty("State").GetString());
        Assert.Equal("Off", v1.GetProperty("SnapStart").GetProperty("OptimizationStatus").GetString());

        // Nothing changed: publishing again returns the same version.
        var same = await Lambda.PublishVersionAsync("ver");
        Assert.Equal("1", same.Json.GetProperty("Version").GetString());

        var update = await Lambda.SendAsync(HttpMethod.Put, "/2015-03-31/functions/ver/configuration", """{"Environment":{"Variables":{"STAGE":"two"}},"MemorySize":256}""");
        Assert.Equal(HttpStatusCode.OK, update.Status);
        Assert.Equal(256, update.Json.GetProperty("MemorySize").GetInt32());
        var v2 = await Lambda.PublishAndWaitAsync("ver");
        Assert.Equal("2", v2.GetProperty("Version").GetString());
        Assert.Equal(128, (await Lambda.GetConfigurationAsync("ver", "1")).Json.GetProperty("MemorySize").GetInt32());

        var alias = await Lambda.SendAsync(HttpMethod.Post, "/2015-03-31/functions/ver/aliases", """{"Name":"live","FunctionVersion":"1"}""");
        Assert.Equal(HttpStatusCode.Created, alias.Status);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:ver:live", alias.Json.GetProperty("AliasArn").GetString());
        var viaAlias = await Lambda.InvokeAsync("ver:live", """{"action":"echo"}""");
        Assert.Equal("1", viaAlias.Header("X-Amz-Executed-Version"));
        await Lambda.SendAsync(HttpMethod.Put, "/2015-03-31/functions/ver/aliases/live", """{"FunctionVersion":"2"}""");
        Assert.Equal("2", (await Lambda.InvokeAsync("ver:live", "{}")).Header("X-Amz-Executed-Version"));

        var versions = await Lambda.SendAsync(HttpMethod.Get, "/2015-03-31/functions/ver/versions", null);
        Assert.Equal(["$LATEST", "1", "2"], versions.Json.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()));
        var aliases = await Lambda.SendAsync(HttpMethod.Get, "/2015-03-31/functions/ver/aliases", null);
        Assert.Single(aliases.Json.GetProperty("Aliases").EnumerateArray());

        // A version an alias points to cannot be deleted; $LATEST cannot be deleted by qualifier.
        Assert.Equal("ResourceConflictException", (await Lambda.SendAsync(HttpMethod.Delete, "/2015-03-31/functions/ver?Qualifier=2", null)).ErrorType);
        Assert.Equal("InvalidParameterValueException", (await Lambda.SendAsync(HttpMethod.Delete, "/2015-03-31/functions/ver?Qualifier=$LATEST", null)).ErrorType);
        Assert.Equal(HttpStatusCode.NoContent, (await Lambda.SendAsync(HttpMethod.Delete, "/2015-03-31/functions/ver?Qualifier=1", null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Lambda.SendAsync(HttpMethod.Delete, "/2015-03-31/functions/ver", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Lambda.GetConfigurationAsync("ver")).Status);
    }

    [Fact]
    public async Task UpdateFunctionCode_changes_what_runs_and_GetFunction_serves_the_package()
    {
        await Lambda.CreateFunctionAsync("codeupd", ShellFunction.Package());
        var before = await Lambda.GetConfigurationAsync("codeupd");
        var dir = Directory.CreateTempSubdirectory("thaw-code-");
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bootstrap"), ShellFunction.Script.Replace("shell runtime init", "second edition init", StringComparison.Ordinal) + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(Path.Combine(dir.FullName, "bootstrap"), (UnixFileMode)0b111_101_101);
        var zip = Artifacts.Zip(dir.FullName);
        dir.Delete(recursive: true);
        var r = await Lambda.SendAsync(HttpMethod.Put, "/2015-03-31/functions/codeupd/code", JsonSerializer.Serialize(new Dictionary<string, string> { ["ZipFile"] = Convert.ToBase64String(zip) }));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.NotEqual(before.Json.GetProperty("CodeSha256").GetString(), r.Json.GetProperty("CodeSha256").GetString());
        var invoked = await Lambda.InvokeAsync("codeupd", """{"action":"echo"}""", tail: true);
        Assert.Contains("second edition init", invoked.LogTail!, StringComparison.Ordinal);

        var get = await Lambda.SendAsync(HttpMethod.Get, "/2015-03-31/functions/codeupd", null);
        var location = get.Json.GetProperty("Code").GetProperty("Location").GetString()!;
        var downloaded = await Lambda.Http.GetByteArrayAsync(location, TestContext.Current.CancellationToken);
        Assert.Equal(zip, downloaded);
    }
}
