using System.Net;
using System.Runtime.InteropServices;
using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Bootstrap;
using Thaw.Lambda.RuntimeSupport.Client;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.Logging;

namespace Thaw.Lambda.RuntimeSupport;

/// <summary>
/// Talks to the Runtime API, runs Init (and the SnapStart hooks), then the invoke loop, in the exact order of
/// Amazon.Lambda.RuntimeSupport (see RUNTIME-API.md).
/// </summary>
public sealed class LambdaBootstrap : IDisposable
{
    /// <summary>The environment can be frozen, or snapshotted and restored hours later, while a call is pending.</summary>
    internal static readonly TimeSpan RuntimeApiHttpTimeout = TimeSpan.FromHours(12);

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly LambdaBootstrapHandler _handler;
    private readonly LambdaBootstrapInitializer? _initializer;
    private readonly LambdaBootstrapOptions _options;

    /// <summary>Creates a bootstrap for this process: Runtime API from <c>AWS_LAMBDA_RUNTIME_API</c>, console output formatted.</summary>
    public LambdaBootstrap(LambdaBootstrapHandler handler, LambdaBootstrapInitializer? initializer = null)
        : this(ConstructHttpClient(), handler, initializer, ownsHttpClient: true, ProcessOptions())
    {
    }

    /// <summary>Creates a bootstrap for this process that uses the given HTTP client.</summary>
    public LambdaBootstrap(HttpClient httpClient, LambdaBootstrapHandler handler, LambdaBootstrapInitializer? initializer = null)
        : this(httpClient, handler, initializer, ownsHttpClient: false, ProcessOptions())
    {
    }

    internal LambdaBootstrap(HttpClient httpClient, LambdaBootstrapHandler handler, LambdaBootstrapInitializer? initializer, bool ownsHttpClient, LambdaBootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(handler);
        _httpClient = httpClient;
        _httpClient.Timeout = RuntimeApiHttpTimeout;
        _ownsHttpClient = ownsHttpClient;
        _handler = handler;
        _initializer = initializer;
        _options = options;
        Logger = new LambdaConsoleLogger(options.Formatter);
        var runtimeApi = options.Environment[LambdaEnvironment.VariableRuntimeApi];
        if (string.IsNullOrEmpty(runtimeApi))
        {
            throw new InvalidOperationException($"{LambdaEnvironment.VariableRuntimeApi} is not set: this process must be started by a Lambda-compatible host.");
        }

        Client = new RuntimeApiClient(_httpClient, runtimeApi, options.Environment, options.TimeProvider, Logger);
    }

    internal RuntimeApiClient Client { get; }

    internal ILambdaLogger Logger { get; }

    /// <summary>The HTTP client Amazon's runtime builds, with this runtime's User-Agent.</summary>
    public static HttpClient ConstructHttpClient()
    {
        // Never route Runtime API calls through a proxy from the function's environment variables.
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None });
        client.DefaultRequestHeaders.TryAddWithoutValidation(RuntimeApiHeaders.HeaderUserAgent, UserAgent);
        return client;
    }

    /// <summary><c>thaw-lambda-dotnet/{dotnet runtime directory name}-{runtime support version}</c>, shaped like Amazon's.</summary>
    internal static string UserAgent
    {
        get
        {
            var dotnetVersion = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Name;
            if (string.IsNullOrEmpty(dotnetVersion) || dotnetVersion == "/")
            {
                dotnetVersion = "unknown";
            }

            return $"thaw-lambda-dotnet/{dotnetVersion}-{typeof(LambdaBootstrap).Assembly.GetName().Version}";
        }
    }

    /// <summary>Runs Init, the SnapStart phase when <c>AWS_LAMBDA_INITIALIZATION_TYPE=snap-start</c>, then the invoke loop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_options.AdjustMemorySettings)
        {
            MemorySettings.Adjust(_options.Environment);
        }

        if (_initializer is not null && !await InitializeAsync(cancellationToken))
        {
            return;
        }

        if (_options.Environment.IsSnapStart && !await InitializeWithSnapStartAsync(cancellationToken))
        {
            return;
        }

        var runOnce = _options.Environment.IsTrue(LambdaEnvironment.VariableDebugRunOnce);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await InvokeOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (runOnce)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    internal async Task<bool> InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _initializer!();
        }
        catch (Exception exception)
        {
            WriteUnhandledExceptionToLog(exception);
            await Client.ReportInitializationErrorAsync(exception, errorType: null, cancellationToken);
            if (_options.Environment.IsSnapStart)
            {
                // Non-zero, so the platform knows Init failed (Amazon's SnapStart path exits the same way).
                _options.Exit(1);
                return false;
            }

            throw;
        }
    }

    internal async Task<bool> InitializeWithSnapStartAsync(CancellationToken cancellationToken)
    {
        var (beforeSnapshot, afterRestore) = _options.DrainHooks();
        try
        {
            // Before-snapshot hooks run last-registered first; the first failure stops the rest.
            for (var i = beforeSnapshot.Count - 1; i >= 0; i--)
            {
                await beforeSnapshot[i]();
            }

            // The snapshot is taken while this call is pending; it returns in the restored environment.
            await Client.RestoreNextInvocationAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            _options.Formatter.WriteLine(nameof(LogLevel.Error), $"Failed to invoke before snapshot hooks: {exception}");
            await Client.ReportInitializationErrorAsync(exception, RuntimeApiHeaders.ErrorTypeBeforeSnapshot, cancellationToken);
            return false;
        }

        try
        {
            foreach (var hook in afterRestore)
            {
                await hook();
            }
        }
        catch (Exception exception)
        {
            _options.Formatter.WriteLine(nameof(LogLevel.Error), $"Failed to invoke after restore callables: {exception}");
            await Client.ReportRestoreErrorAsync(exception, RuntimeApiHeaders.ErrorTypeAfterRestore, cancellationToken);
            return false;
        }

        return true;
    }

    internal async Task InvokeOnceAsync(CancellationToken cancellationToken)
    {
        using var invocation = await Client.GetNextInvocationAsync(cancellationToken);
        var context = invocation.LambdaContext;
        _options.Formatter.CurrentAwsRequestId = context.AwsRequestId;
        // Managed runtimes expose the trace header to SDKs through this variable on every invoke.
        _options.Environment.Set(LambdaEnvironment.VariableTraceId, string.IsNullOrEmpty(context.TraceId) ? null : context.TraceId);

        InvocationResponse? response = null;
        try
        {
            response = await _handler(invocation);
        }
        catch (Exception exception)
        {
            WriteUnhandledExceptionToLog(exception);
            await ReportUnlessRejectedAsync(Client.ReportInvocationErrorAsync(context.AwsRequestId, exception, cancellationToken));
            return;
        }

        try
        {
            await ReportUnlessRejectedAsync(Client.SendResponseAsync(context.AwsRequestId, response?.OutputStream, cancellationToken));
        }
        finally
        {
            if (response is { DisposeOutputStream: true })
            {
                await response.OutputStream.DisposeAsync();
            }
        }
    }

    // A 4xx (payload too large, request id no longer current) ends that invocation on the platform's side; the
    // environment stays usable. 5xx and connection failures mean the environment is gone: let them end the loop.
    private async Task ReportUnlessRejectedAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (RuntimeApiClientException exception) when ((int)exception.StatusCode is >= 400 and < 500)
        {
            _options.Formatter.WriteLine(nameof(LogLevel.Error), exception.Message);
        }
    }

    private void WriteUnhandledExceptionToLog(Exception exception) =>
        _options.Formatter.WriteLine(nameof(LogLevel.Error), exception.ToString());

    private static LambdaBootstrapOptions ProcessOptions()
    {
        var formatter = ProcessConsole.Install();
        return new LambdaBootstrapOptions
        {
            Environment = LambdaEnvironment.System,
            TimeProvider = TimeProvider.System,
            Formatter = formatter,
            Exit = Environment.Exit,
            DrainHooks = () => (SnapshotRestore.DrainBeforeSnapshot(), SnapshotRestore.DrainAfterRestore()),
            AdjustMemorySettings = true,
        };
    }
}
