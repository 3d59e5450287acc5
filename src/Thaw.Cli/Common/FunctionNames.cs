namespace Thaw.Cli.Common;

/// <summary>Lambda's function name rule, checked before a request is sent so that the error names the flag.</summary>
internal static class FunctionNames
{
    public const int MaxLength = 64;

    /// <summary>Null when valid, else why not.</summary>
    public static string? Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength)
        {
            return $"a function name has 1 to {MaxLength} characters ('{name}' has {name.Length}).";
        }

        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        return bad == default ? null : $"'{name}' is not a function name: only letters, digits, '-' and '_' are allowed ('{bad}' is not).";
    }
}
