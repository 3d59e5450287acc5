using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.UserCode;

/// <summary>Generic shims, closed over the handler's types once at Init, so each invoke calls delegates, not reflection.</summary>
internal static class TypedAdapters
{
    public static object? Deserialize<T>(ILambdaSerializer serializer, Stream stream) => serializer.Deserialize<T>(stream);

    public static void Serialize<T>(ILambdaSerializer serializer, object? value, Stream stream) => serializer.Serialize((T)value!, stream);

    public static object? ResultOf<T>(Task task) => ((Task<T>)task).Result;
}
