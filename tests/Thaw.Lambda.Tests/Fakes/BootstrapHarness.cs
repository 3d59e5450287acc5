using Microsoft.Extensions.Time.Testing;
using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.RuntimeSupport.Bootstrap;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.Logging;

namespace Thaw.Lambda.Tests.Fakes;

/// <summary>An in-process bootstrap wired to a fake Runtime API, with recorded hooks, exits and log output.</summary>
public sealed class BootstrapHarness : IAsyncDisposable
{
    private readonly HttpClient _httpClient = LambdaBootstrap.ConstructHttpClient();
    private readonly CancellationTokenSource _stop = new();

    private BootstrapHarness(FakeRuntimeApi api, bool snapStart)
    {
        Api = api;
        Environment = new Dictionary<string, string?>
        {
            [LambdaEnvironment.VariableRuntimeApi] = api.HostAndPort,
            [LambdaEnvironment.VariableFunctionName] = "test",
            [LambdaEnvironment.VariableFunctionVersion] = "7",
            [LambdaEnvironment.VariableFunctionMemorySize] = "512",
            [LambdaEnvironment.VariableLogGroupName] = "/aws/lambda/test",
            [LambdaEnvironment.VariableLogStreamName] = "2026/12/04/[7]abc",
        };
        if (snapStart)
        {
            Environment[LambdaEnvironment.VariableInitializationType] = LambdaEnvironment.InitializationTypeSnapStart;
        }
    }

    public FakeRuntimeApi Api { get; }

    public Dictionary<string, string?> Environment { get; }

    public StringWriter Output { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    public List<Func<ValueTask>> BeforeSnapshot { get; } = [];

    public List<Func<ValueTask>> AfterRestore { get; } = [];

    public List<int> Exits { get; } = [];

    public List<string> Events { get; } = [];

    public static async Task<BootstrapHarness> StartAsync(bool snapStart = false) =>
        new(await FakeRuntimeApi.StartAsync(), snapStart);

    public void Record(string value)
    {
        lock (Events)
        {
            Events.Add(value);
        }
    }

    public LambdaBootstrap Create(LambdaBootstrapHandler handler, LambdaBootstrapInitializer? initializer = null)
    {
        var environment = LambdaEnvironment.FromDictionary(Environment);
        var options = new LambdaBootstrapOptions
        {
            Environment = environment,
            TimeProvider = Time,
            Formatter = new LambdaLogFormatter(TextWriter.Synchronized(Output), Time, environment),
            Exit = code =>
            {
                lock (Exits)
                {
                    Exits.Add(code);
                }
            },
            DrainHooks = () => ([.. BeforeSnapshot], [.. AfterRestore]),
        };
        return new LambdaBootstrap(_httpClient, handler, initializer, ownsHttpClient: false, options);
    }

    /// <summary>Runs the bootstrap in the background; it stops at dispose.</summary>
    public Task RunInBackground(LambdaBootstrap bootstrap) => Task.Run(() => bootstrap.RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Api.DisposeAsync();
        _httpClient.Dispose();
        _stop.Dispose();
        Output.Dispose();
    }
}
