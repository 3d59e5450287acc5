namespace Thaw.Host.Api.Model;

internal sealed record RuntimeVersionConfig(string RuntimeVersionArn);
