namespace Thaw.Logs;

/// <summary>Identity the Logs API reports (ARNs, <c>@log</c>). Defaults match the host's defaults.</summary>
public sealed class LogsOptions
{
    public string AccountId { get; set; } = "000000000000";

    public string Region { get; set; } = "us-east-1";

    /// <summary>How long finished queries stay retrievable through GetQueryResults.</summary>
    public TimeSpan QueryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Queries running at once before StartQuery answers LimitExceededException (the service quota is 100).</summary>
    public int MaxConcurrentQueries { get; set; } = 100;

    /// <summary>A query still running after this is stopped with status Timeout (AWS: 60 minutes).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(60);
}
