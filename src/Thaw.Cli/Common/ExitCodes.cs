namespace Thaw.Cli.Common;

/// <summary>Process exit codes of <c>thaw</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Any failure: the host refused, the function failed, the input was wrong.</summary>
    public const int Failure = 1;

    /// <summary>No host answers at the endpoint (distinct so that scripts can start one).</summary>
    public const int HostUnreachable = 3;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
