using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Thaw.Logs.Api;
using Thaw.Logs.Insights;

namespace Thaw.Logs;

public static class LogsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the log store (a singleton <see cref="LogStore"/> over <paramref name="databasePath"/>, opened on first
    /// use and flushed when the container is disposed), the Insights query runner and the Logs API handler.
    /// Uses the registered <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public static IServiceCollection AddThawLogs(this IServiceCollection services, string databasePath, Action<LogsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var options = new LogsOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);

        // Opening is synchronous under the hood (SQLite), so resolving it here cannot deadlock.
        services.AddSingleton(sp => LogStore.OpenAsync(databasePath, sp.GetRequiredService<TimeProvider>(), CancellationToken.None).GetAwaiter().GetResult());
        services.AddSingleton(sp => new QueryManager(
            sp.GetRequiredService<LogStore>(), sp.GetRequiredService<LogsOptions>(), sp.GetService<ILogger<QueryManager>>()));
        services.AddSingleton<LogsApi>();
        return services;
    }
}
