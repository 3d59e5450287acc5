namespace Thaw.Host.Api.Model;

internal sealed record FunctionCodeLocation(string RepositoryType, string Location);
