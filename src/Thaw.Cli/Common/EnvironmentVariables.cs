namespace Thaw.Cli.Common;

/// <summary>Environment variables the CLI reads, named once.</summary>
internal static class EnvironmentVariables
{
    public const string Endpoint = "THAW_ENDPOINT";
    public const string Port = "THAW_PORT";
    public const string Listen = "THAW_LISTEN";
    public const string StateDir = "THAW_STATE_DIR";
}
