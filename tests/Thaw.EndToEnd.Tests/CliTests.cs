using Thaw.EndToEnd.Tests.Infrastructure;

namespace Thaw.EndToEnd.Tests;

/// <summary>The thaw command line, as built by ./thaw, against a real host.</summary>
public sealed class CliTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Deploy_infers_runtime_and_handler_then_invoke_functions_and_envs_show_the_result()
    {
        var deploy = await ThawAsync("deploy", Path.Combine(Repo.Samples, "HelloWorld"), "--name", "hello-cli");
        Assert.Contains("hello-cli", deploy, StringComparison.Ordinal);

        var config = await fixture.Lambda.GetConfigurationAsync("hello-cli");
        var sample = await Artifacts.SampleAsync("HelloWorld");
        Assert.Equal(sample.Runtime, config.Json.GetProperty("Runtime").GetString());
        Assert.Equal(sample.Handler, config.Json.GetProperty("Handler").GetString());

        var invoke = await ThawAsync("invoke", "hello-cli", "--payload", """{"name":"CLI"}""");
        Assert.Contains("Hello, CLI!", invoke, StringComparison.Ordinal);

        var functions = await ThawAsync("functions");
        Assert.Contains("hello-cli", functions, StringComparison.Ordinal);
        var envs = await ThawAsync("envs");
        Assert.Contains("hello-cli", envs, StringComparison.Ordinal);
        Assert.Contains("vinternal_1", envs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_host_the_CLI_says_how_to_start_one()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ThawAsync(["functions"], "http://127.0.0.1:1"));
        Assert.Contains("thaw serve", error.Message, StringComparison.Ordinal);
    }

    private Task<string> ThawAsync(params string[] args) => ThawAsync(args, fixture.Host.BaseUri.ToString().TrimEnd('/'));

    private static async Task<string> ThawAsync(string[] args, string endpoint)
    {
        var artifacts = await Artifacts.RootAsync();
        var cli = Path.Combine(artifacts, "bin", "thaw");
        if (!File.Exists(cli))
        {
            await ProcessRunner.RunAsync("dotnet", ["publish", "src/Thaw.Cli/Thaw.Cli.csproj", "-c", "Release", "-o", Path.Combine(artifacts, "bin"), "-nologo", "-v", "q"]);
        }

        return await ProcessRunner.RunAsync(cli, args, env: new Dictionary<string, string> { ["THAW_ENDPOINT"] = endpoint, ["COLUMNS"] = "250" }, timeout: TimeSpan.FromMinutes(5));
    }
}
