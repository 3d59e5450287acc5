using System.Text;

namespace Thaw.Agent.Tests.Harness;

internal sealed record RawResponse(int Status, string StatusLine, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
