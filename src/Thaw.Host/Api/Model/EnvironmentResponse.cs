namespace Thaw.Host.Api.Model;

internal sealed record EnvironmentResponse(Dictionary<string, string> Variables);
