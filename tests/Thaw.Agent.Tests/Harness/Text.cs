using System.Text;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.Tests.Harness;

internal static class Text
{
    public static string Body(this Frame frame) => Encoding.UTF8.GetString(frame.Body.Span);

    public static string Single(this HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? values.Single()
        : response.Content.Headers.TryGetValues(header, out var contentValues) ? contentValues.Single()
        : throw new Xunit.Sdk.XunitException($"Header {header} is missing.");

    public static bool Has(this HttpResponseMessage response, string header) =>
        response.Headers.Contains(header) || response.Content.Headers.Contains(header);
}
