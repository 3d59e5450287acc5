using Thaw.Lambda.RuntimeSupport.Context;

namespace Thaw.Lambda.RuntimeSupport.Bootstrap;

/// <summary>
/// Caps the GC heap at the function's memory size, as Amazon's runtime does, so a function sees its configured
/// memory as the GC's limit even where the environment's cgroup is larger (skipped when
/// <c>AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK=true</c> or a lower limit is already in force).
/// </summary>
internal static class MemorySettings
{
    internal const string GCHeapHardLimit = "GCHeapHardLimit";
    internal const ulong BytesPerMegabyte = 1024 * 1024;

    public static void Adjust(LambdaEnvironment environment)
    {
        if (environment.IsTrue(LambdaEnvironment.VariableDisableMemoryLimitCheck))
        {
            return;
        }

        var megabytes = environment.MemoryLimitInMB;
        if (megabytes <= 0)
        {
            return;
        }

        var bytes = (ulong)megabytes * BytesPerMegabyte;
        if ((ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < bytes)
        {
            return;
        }

        AppContext.SetData(GCHeapHardLimit, bytes);
        GC.RefreshMemoryLimit();
    }
}
