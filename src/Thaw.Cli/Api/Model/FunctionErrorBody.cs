namespace Thaw.Cli.Api.Model;

/// <summary>What a runtime reports for a failed invocation (the Invoke body when <c>X-Amz-Function-Error</c> is set).</summary>
internal sealed record FunctionErrorBody
{
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public List<string>? StackTrace { get; init; }
}
