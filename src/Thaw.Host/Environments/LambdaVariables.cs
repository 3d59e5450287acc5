using System.Globalization;
using Thaw.Host.Api;
using Thaw.Host.State;

namespace Thaw.Host.Environments;

/// <summary>
/// The environment a runtime sees (lambda-snapstart-spec.md §1.8): customer variables first, then Lambda's,
/// which override. SnapStart environments get neither the log group/stream variables (as on Lambda) nor
/// key-style credentials baked into the snapshot.
/// </summary>
internal static class LambdaVariables
{
    public const string RuntimeApiAddress = "127.0.0.1:9001";

    /// <summary>Keys customers may not set (Lambda's reserved set).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    /// <summary>
    /// .NET settings of the dotnet10 runtime process, unless the customer sets them (docs/benchmarks.md, "Warm invoke").
    /// An idle thread-pool worker spins (sched_yield) before it sleeps: between two invokes every runtime's workers go
    /// idle, and with many environments per core the spinning took CPU from the invokes. Tiered PGO re-compiles each
    /// hot method once more (instrumented) in every environment: without it a young environment's runtime used a
    /// third of the CPU per invoke, and Init took no longer. (Tiered compilation itself stays: without it Init took
    /// 50 % longer.)
    /// </summary>
    private static readonly KeyValuePair<string, string>[] ManagedRuntimeTuning =
    [
        new("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"),
        new("DOTNET_TieredPGO", "0"),
    ];

    public static void ValidateCustomer(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return;
        }

        var reserved = variables.Keys.Where(Reserved.Contains).ToList();
        if (reserved.Count > 0)
        {
            throw LambdaApiException.InvalidParameter(
                "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: "
                + string.Join(", ", reserved));
        }

        foreach (var key in variables.Keys)
        {
            if (key.Length == 0 || !char.IsAsciiLetter(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw LambdaApiException.InvalidParameter(
                    $"1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
            }
        }

        if (variables.Sum(kv => kv.Key.Length + kv.Value.Length) > 4096)
        {
            throw LambdaApiException.InvalidParameter("Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.");
        }
    }

    public static Dictionary<string, string> Build(FunctionDefinition f, string version, string region, string logGroup, string logStream, string initializationType)
    {
        var v = new Dictionary<string, string>(f.Variables, StringComparer.Ordinal)
        {
            ["LANG"] = "en_US.UTF-8",
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            ["LD_LIBRARY_PATH"] = "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
            ["TZ"] = ":UTC",
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = f.Name,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = f.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_FUNCTION_VERSION"] = version,
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = initializationType,
            ["AWS_LAMBDA_RUNTIME_API"] = RuntimeApiAddress,
            ["_HANDLER"] = f.Handler,
            ["LAMBDA_TASK_ROOT"] = "/var/task",
            ["LAMBDA_RUNTIME_DIR"] = "/var/runtime",
            // Runtime-side .NET settings: no diagnostics IPC socket in /tmp (it collides between restored clones).
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (RuntimeCatalog.IsManaged(f.Runtime))
        {
            v["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + f.Runtime;
            foreach (var (name, value) in ManagedRuntimeTuning)
            {
                // Defaults only: a customer's own DOTNET_* setting wins.
                v.TryAdd(name, value);
            }
        }

        if (initializationType == "snap-start")
        {
            // Lambda does not expose these to SnapStart functions: one snapshot serves many environments and streams.
            v.Remove("AWS_LAMBDA_LOG_GROUP_NAME");
            v.Remove("AWS_LAMBDA_LOG_STREAM_NAME");
        }
        else
        {
            v["AWS_LAMBDA_LOG_GROUP_NAME"] = logGroup;
            v["AWS_LAMBDA_LOG_STREAM_NAME"] = logStream;
            // Local, non-secret placeholder credentials, as local emulators hand out.
            v["AWS_ACCESS_KEY_ID"] = "THAWLOCALACCESSKEY";
            v["AWS_SECRET_ACCESS_KEY"] = "thaw-local-secret";
            v["AWS_SESSION_TOKEN"] = "thaw-local-session";
        }

        return v;
    }
}
