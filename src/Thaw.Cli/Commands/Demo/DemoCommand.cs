using System.CommandLine;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Demo;

/// <summary><c>thaw demo</c>: the seed's SnapStart experiment, reproduced and explained (starts a host if none answers).</summary>
internal static class DemoCommand
{
    private static readonly TimeSpan HostStartTimeout = TimeSpan.FromMinutes(2);

    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var sampleDir = new Option<string?>("--sample-dir") { Description = $"The MAC probe sample (default: {SampleLocator.SampleRelativePath} of the repository)", HelpName = "DIR" };
        var name = new Option<string>("--name", "-n") { Description = "Function name", HelpName = "NAME", DefaultValueFactory = _ => DemoOptions.DefaultFunctionName };
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } n && FunctionNames.Validate(n) is { } error)
            {
                r.AddError($"--name: {error}");
            }
        });
        var snapshots = Ranged("--snapshots", "Inits (snapshots) at publish, as the seed's 10", "K", DemoOptions.DefaultSnapshots, 1, Deploy.DeployCommand.MaxSnapshots);
        var requests = Ranged("--requests", "Concurrent requests, as the seed's ab -c 30 -n 30", "N", DemoOptions.DefaultRequests, 1, 1000);
        var sleepMs = Ranged("--sleep-ms", "SLEEP_MS for the function: how long the handler sleeps (the seed: 2 s)", "MS", DemoOptions.DefaultSleepMs, 0, 60_000);
        var networkIdentity = new Option<string>("--network-identity")
        {
            Description = "preserve (what the seed saw) or regenerate MACs on restore",
            HelpName = "MODE",
            DefaultValueFactory = _ => WireNames.NetworkIdentityPreserve,
        };
        networkIdentity.AcceptOnlyFromAmong(WireNames.NetworkIdentityPreserve, WireNames.NetworkIdentityRegenerate);

        var command = new Command("demo", "Reproduce the seed's SnapStart experiment end to end and explain what it shows (starts a host if none answers).")
        {
            endpoint, sampleDir, name, snapshots, requests, sleepMs, networkIdentity,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var options = new DemoOptions
                {
                    FunctionName = parseResult.GetRequiredValue(name),
                    SampleDirectory = parseResult.GetValue(sampleDir),
                    Snapshots = parseResult.GetValue(snapshots),
                    Requests = parseResult.GetValue(requests),
                    SleepMs = parseResult.GetValue(sleepMs),
                    NetworkIdentity = parseResult.GetRequiredValue(networkIdentity),
                };
                var sample = SampleLocator.Find(context, options.SampleDirectory);
                var target = EndpointOption.Resolve(parseResult, endpoint, context);
                return await RunAsync(context, target, sample, options, cancellationToken);
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Uri endpoint, string sample, DemoOptions options, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttpClient();
        if (await AnswersAsync(http, endpoint, cancellationToken))
        {
            context.Error.MarkupLine($"Using the Thaw host at [bold]{Markup.Escape(endpoint.ToString())}[/].");
            return await new DemoRunner(context, new HostConnection(http, endpoint), options).RunAsync(sample, cancellationToken);
        }

        context.Error.MarkupLine($"No host answers at {Markup.Escape(endpoint.ToString())}: starting one in this process on a free port with a temporary state directory.");
        QuietInProcessHostLogs();
        await using var host = await context.Error.Status().StartAsync("Starting a host…", _ => InProcessHost.StartAsync(context, HostStartTimeout, cancellationToken));
        context.Error.MarkupLine($"[green]✓[/] Host listening on [bold]{Markup.Escape(host.Endpoint.ToString())}[/] (state: {Markup.Escape(host.StateDirectory)}); it stops when the demo ends.");
        return await new DemoRunner(context, new HostConnection(http, host.Endpoint), options).RunAsync(sample, cancellationToken);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await new LambdaClient(new HostConnection(http, endpoint)).ListFunctionsAsync(cancellationToken);
            return true;
        }
        catch (HostUnreachableException)
        {
            return false;
        }
    }

    /// <summary>
    /// The in-process host shares this terminal; its informational logs would interleave with the demo's tables.
    /// ASP.NET Core reads unprefixed environment variables into configuration, so this keeps warnings and errors only,
    /// unless the user chose a level.
    /// </summary>
    private static void QuietInProcessHostLogs()
    {
        const string variable = "Logging__LogLevel__Default";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Environment.SetEnvironmentVariable(variable, "Warning");
        }
    }

    private static Option<int> Ranged(string name, string description, string helpName, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<int>();
            if (v < min || v > max)
            {
                r.AddError($"{name} must be between {min} and {max}, not {v}.");
            }
        });
        return option;
    }
}
