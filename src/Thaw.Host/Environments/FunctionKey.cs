namespace Thaw.Host.Environments;

/// <summary>A function version whose environments are interchangeable: <c>$LATEST</c> or a published number.</summary>
internal readonly record struct FunctionKey(string FunctionName, string Version)
{
    public const string Latest = "$LATEST";

    public override string ToString() => $"{FunctionName}:{Version}";
}
