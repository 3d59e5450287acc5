namespace Thaw.Host.Api.Model;

internal sealed record LoggingConfig(string LogFormat, string LogGroup);
