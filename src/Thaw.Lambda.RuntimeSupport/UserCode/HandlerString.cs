namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>A class-library handler, <c>Assembly::Namespace.Type::Method</c>.</summary>
internal sealed record HandlerString(string AssemblyName, string TypeName, string MethodName)
{
    internal const string Separator = "::";

    /// <summary>Whether the handler names an executable assembly (no <c>::</c>), whose entry point runs its own bootstrap.</summary>
    public static bool IsExecutableAssembly(string handler) => !handler.Contains(Separator, StringComparison.Ordinal);

    public static HandlerString Parse(string? handler)
    {
        var parts = (handler ?? string.Empty).Split(Separator);
        if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
        {
            throw new LambdaValidationException(
                $"Invalid handler format: '{handler}'. Expected format: ASSEMBLY::TYPE::METHOD.");
        }

        return new HandlerString(parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
    }

    public override string ToString() => AssemblyName + Separator + TypeName + Separator + MethodName;
}
