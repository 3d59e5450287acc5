namespace Thaw.Cli.Common;

/// <summary><c>NAME[:QUALIFIER]</c> as the CLI takes it; an ARN is passed through whole (Lambda resolves it).</summary>
internal readonly record struct QualifiedName(string Name, string? Qualifier)
{
    public static QualifiedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new QualifiedName(text, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new QualifiedName(text, null) : new QualifiedName(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Null when valid, else why not (Lambda's rules: name 1–64 of [A-Za-z0-9-_], qualifier 1–128 of [A-Za-z0-9$_-]).</summary>
    public string? Validate()
    {
        if (Name.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var nameError = FunctionNames.Validate(Name);
        if (nameError is not null)
        {
            return nameError;
        }

        if (Qualifier is null)
        {
            return null;
        }

        return Qualifier.Length is > 0 and <= 128 && Qualifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '$' or '_' or '-')
            ? null
            : $"'{Qualifier}' is not a version or alias (1–128 letters, digits, '$', '_' or '-').";
    }

    public override string ToString() => Qualifier is null ? Name : $"{Name}:{Qualifier}";
}
