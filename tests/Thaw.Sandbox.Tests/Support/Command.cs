namespace Thaw.Sandbox.Tests.Support;

/// <summary>A command for the fixture agent (see Fixtures/fixture_agent.py).</summary>
internal sealed record Command(string Op)
{
    public string[]? Paths { get; init; }

    public string? Path { get; init; }

    public string? Text { get; init; }

    public int? Mb { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }
}
