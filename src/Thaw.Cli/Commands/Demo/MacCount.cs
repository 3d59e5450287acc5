namespace Thaw.Cli.Commands.Demo;

/// <summary>A row of the seed's second query: how many log lines showed this MAC on this interface.</summary>
internal sealed record MacCount(string Interface, string MacAddress, long Lines);
