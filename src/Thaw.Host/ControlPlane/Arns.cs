namespace Thaw.Host.ControlPlane;

/// <summary>ARNs as AWS forms them, and parsing of the forms a FunctionName parameter may take.</summary>
internal sealed class Arns
{
    private readonly string _region;
    private readonly string _account;

    public Arns(ServerOptions options)
    {
        _region = options.Region;
        _account = options.AccountId;
    }

    public string Function(string name) => $"arn:aws:lambda:{_region}:{_account}:function:{name}";

    public string Function(string name, string qualifier) => $"{Function(name)}:{qualifier}";

    /// <summary>
    /// Splits <c>name</c>, <c>name:qualifier</c>, <c>account:function:name[:qualifier]</c> or a full ARN into name and qualifier.
    /// Returns null when the value is not a valid function name in any of these forms.
    /// </summary>
    public static (string Name, string? Qualifier)? ParseFunctionName(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 170)
        {
            return null;
        }

        var parts = value.Split(':');
        string name;
        string? qualifier = null;
        var fn = Array.IndexOf(parts, "function");
        if (fn >= 0)
        {
            if (fn + 1 >= parts.Length || parts.Length > fn + 3)
            {
                return null;
            }

            name = parts[fn + 1];
            qualifier = parts.Length == fn + 3 ? parts[fn + 2] : null;
        }
        else if (parts.Length <= 2)
        {
            name = parts[0];
            qualifier = parts.Length == 2 ? parts[1] : null;
        }
        else
        {
            return null;
        }

        if (!IsValidName(name) || (qualifier is not null && !IsValidQualifier(qualifier)))
        {
            return null;
        }

        return (name, qualifier);
    }

    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsValidQualifier(string qualifier) =>
        qualifier == "$LATEST" || (qualifier.Length is >= 1 and <= 128 && qualifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}
