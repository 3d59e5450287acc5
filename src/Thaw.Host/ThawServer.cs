using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Thaw.Host.Api;
using Thaw.Host.ApiGateway;
using Thaw.Host.Code;
using Thaw.Host.ControlPlane;
using Thaw.Host.Environments;
using Thaw.Host.Extensions;
using Thaw.Host.Hosting;
using Thaw.Host.Invocation;
using Thaw.Host.Platform;
using Thaw.Host.SnapStart;
using Thaw.Host.State;
using Thaw.Logs;
using Thaw.Sandbox;

namespace Thaw.Host;

/// <summary>Entry point of the host: builds and runs the web application until cancelled.</summary>
public static class ThawServer
{
    /// <summary>Runs the host until <paramref name="cancellationToken"/> is cancelled. <paramref name="started"/> receives the bound URL.</summary>
    public static async Task RunAsync(ServerOptions options, Action<Uri>? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var app = Build(options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{options.ListenAddress}:{options.Port}";
        started?.Invoke(new Uri(address));
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        // Environments are killed by EnvironmentMaintenance.StopAsync; give it time to finish even if the caller is in a hurry.
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stopTimeout.Token);
    }

    internal static WebApplication Build(ServerOptions options)
    {
        Directory.CreateDirectory(options.StateDirectory);
        // State holds code, logs and memory images of environments (secrets included): host user only.
        File.SetUnixFileMode(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Thaw.Host" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("THAW_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, true, out var l) ? l : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Parse(options.ListenAddress), options.Port);
            // CreateFunction carries up to 50 MB of zip as base64; the invoke path enforces its own 6 MB limit.
            k.Limits.MaxRequestBodySize = 100L * 1024 * 1024;
        });

        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton(new StateStore(Path.Combine(options.StateDirectory, "thaw.db")));
        s.AddSingleton(new CodeStore(options.StateDirectory));
        s.AddSingleton<Arns>();
        s.AddSingleton(new EnvironmentPool(options.AccountConcurrency));
        s.AddSingleton(new RuntimeCatalog(ArtifactLocator.Dotnet10Runtime(options)));
        s.AddSingleton<ISandbox>(sp => new LinuxSandbox(
            ArtifactLocator.AgentCommand(options),
            ArtifactLocator.Criu(options),
            options.StateDirectory,
            Path.Combine(options.StateDirectory, "run"),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Thaw.Sandbox"),
            sp.GetRequiredService<TimeProvider>(),
            CgroupName(options.StateDirectory)));
        s.AddThawLogs(Path.Combine(options.StateDirectory, "logs.db"));
        s.AddSingleton<ILogSink>(sp => new LogStoreSink(sp.GetRequiredService<LogStore>()));
        s.AddSingleton<EnvironmentLauncher>();
        s.AddSingleton<SnapshotManager>();
        s.AddSingleton<FunctionService>();
        s.AddSingleton<Invoker>();
        s.AddSingleton<AsyncInvocationQueue>();
        s.AddHostedService(sp => sp.GetRequiredService<AsyncInvocationQueue>());
        s.AddSingleton<EnvironmentMaintenance>();
        s.AddHostedService(sp => sp.GetRequiredService<EnvironmentMaintenance>());

        var app = builder.Build();
        app.UseMiddleware<LambdaErrorMiddleware>();
        app.MapLogsApi();
        app.MapLambdaApi();
        app.MapApiGateway();
        app.MapThawApi();
        return app;
    }

    /// <summary>One cgroup per host state directory, so that two hosts (tests) never reap each other's environments.</summary>
    private static string CgroupName(string stateDirectory) =>
        "thaw-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stateDirectory))))[..12];
}
