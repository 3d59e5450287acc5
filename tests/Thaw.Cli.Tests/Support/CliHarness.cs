using System.CommandLine;
using Spectre.Console.Testing;
using Thaw.Cli.Common;
using Thaw.Host;
using Thaw.Sandbox;

namespace Thaw.Cli.Tests.Support;

/// <summary>Runs the real command tree in-process with captured consoles and a controlled environment.</summary>
internal sealed class CliHarness
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string CurrentDirectory { get; set; } = Path.GetTempPath();

    public string BaseDirectory { get; set; } = AppContext.BaseDirectory;

    public IProcessRunner Processes { get; set; } = new ProcessRunner();

    public Func<ServerOptions, Action<Uri>?, CancellationToken, Task> RunServer { get; set; } =
        (_, _, _) => throw new InvalidOperationException("This test does not expect a host to be started.");

    public Func<SandboxCapabilities> ProbeSandbox { get; set; } = () => new SandboxCapabilities(true, null, true, null, "/usr/sbin/criu", "4.2.1");

    public async Task<CliRun> RunAsync(params string[] args) => await RunAsync(TestContext.Current.CancellationToken, args);

    public async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = NewConsole();
        var error = NewConsole();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            CurrentDirectory = CurrentDirectory,
            BaseDirectory = BaseDirectory,
            Processes = Processes,
            RunServer = RunServer,
            ProbeSandbox = ProbeSandbox,
            PollInterval = TimeSpan.FromMilliseconds(10),
        };
        using var parseOut = new StringWriter();
        using var parseError = new StringWriter();
        var root = CliApp.CreateRootCommand(context);
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = parseOut, Error = parseError }, cancellationToken);
        return new CliRun(exit, parseOut + output.Output, parseError + error.Output);
    }

    private static TestConsole NewConsole()
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        console.Profile.Capabilities.Ansi = false;
        console.Profile.Capabilities.Unicode = true;
        return console;
    }
}
