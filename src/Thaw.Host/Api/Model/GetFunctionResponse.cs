namespace Thaw.Host.Api.Model;

internal sealed record GetFunctionResponse(FunctionConfiguration Configuration, FunctionCodeLocation Code, ConcurrencyResponse? Concurrency);
