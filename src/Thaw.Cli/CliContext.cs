using Spectre.Console;
using Thaw.Cli.Common;
using Thaw.Host;
using Thaw.Sandbox;

namespace Thaw.Cli;

/// <summary>
/// Everything a command touches outside its own arguments: consoles, environment variables, clock, processes,
/// the in-process host and the sandbox probe. Tests replace any of them; the real ones come from <see cref="CreateDefault"/>.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Where results go (stdout).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Where errors, warnings and progress go (stderr), so that results stay pipeable.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Reads an environment variable (null when unset).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Directory of the running executable, used to find the repository's samples.</summary>
    public string BaseDirectory { get; init; } = AppContext.BaseDirectory;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IProcessRunner Processes { get; init; } = new ProcessRunner();

    /// <summary>Runs a host in this process (the real one is <see cref="ThawServer.RunAsync"/>).</summary>
    public Func<ServerOptions, Action<Uri>?, CancellationToken, Task> RunServer { get; init; } = ThawServer.RunAsync;

    /// <summary>Finds out what the sandbox can do on this machine.</summary>
    public Func<SandboxCapabilities> ProbeSandbox { get; init; } = () => SandboxProbe.Probe();

    /// <summary>How often long operations (deploy, publish, queries) poll the host.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Width used when output goes to a file or a pipe, where no terminal says how wide to be.</summary>
    public const int RedirectedWidth = 200;

    public static CliContext CreateDefault()
    {
        var output = AnsiConsole.Console;
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        // Spectre assumes 80 columns when redirected; tables then wrap every cell, which is unreadable in a log and ungreppable.
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = RedirectedWidth;
        }

        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = RedirectedWidth;
        }

        return new CliContext { Out = output, Error = error };
    }

    /// <summary>Makes a client for the host's APIs; the caller disposes it.</summary>
    public Func<HttpClient> CreateHttpClient { get; init; } = CreateDefaultHttpClient;

    public static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        // A refused or unroutable endpoint must fail fast so that the "start a host" hint appears promptly.
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Invocations may run for the function's whole timeout (up to 15 minutes); callers cancel instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
