namespace Thaw.Agent.RuntimeApi;

/// <summary>RAPID's error types (<c>fatalerror</c>) and its validation of runtime-supplied ones.</summary>
internal static class ErrorTypes
{
    public const string RuntimeUnknown = "Runtime.Unknown";
    public const string FunctionUnknown = "Function.Unknown";
    public const string FunctionResponseSizeTooLarge = "Function.ResponseSizeTooLarge";
    public const string RuntimeInvalidResponseModeHeader = "Runtime.InvalidResponseModeHeader";
    public const string RuntimeTruncatedResponse = "Runtime.TruncatedResponse";
    public const string RuntimeRestoreHookUserTimeout = "Runtime.RestoreHookUserTimeout";

    internal const string FunctionPrefix = "Function.";

    /// <summary>
    /// <c>GetValidRuntimeOrFunctionErrorType</c>: a value in which <c>(Runtime|Function)\.[A-Z][a-zA-Z]+</c> matches
    /// is kept whole (Go's <c>regexp.MatchString</c> is unanchored); otherwise <c>Function.*</c> becomes
    /// <c>Function.Unknown</c> and anything else <c>Runtime.Unknown</c>.
    /// </summary>
    public static string Validate(string? errorType)
    {
        if (string.IsNullOrEmpty(errorType))
        {
            return RuntimeUnknown;
        }

        if (ContainsValidType(errorType, "Runtime.") || ContainsValidType(errorType, FunctionPrefix))
        {
            return errorType;
        }

        return errorType.StartsWith(FunctionPrefix, StringComparison.Ordinal) ? FunctionUnknown : RuntimeUnknown;
    }

    private static bool ContainsValidType(string value, string prefix)
    {
        for (var at = value.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = value.IndexOf(prefix, at + 1, StringComparison.Ordinal))
        {
            var name = at + prefix.Length;
            if (name + 1 < value.Length && char.IsAsciiLetterUpper(value[name]) && char.IsAsciiLetter(value[name + 1]))
            {
                return true;
            }
        }

        return false;
    }
}
