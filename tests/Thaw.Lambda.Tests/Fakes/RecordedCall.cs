namespace Thaw.Lambda.Tests.Fakes;

/// <summary>One call the runtime made to the fake Runtime API.</summary>
public sealed record RecordedCall(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Route => Method + " " + Path;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
