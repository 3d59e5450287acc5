namespace Thaw.Cli.Commands.Demo;

/// <summary>One request through the front door: HTTP status (0 when it did not complete), time, and the body when it failed.</summary>
internal sealed record RequestOutcome(int StatusCode, TimeSpan Elapsed, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
