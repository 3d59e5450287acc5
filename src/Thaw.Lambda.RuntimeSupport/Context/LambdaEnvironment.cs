using System.Collections;

namespace Thaw.Lambda.RuntimeSupport.Context;

/// <summary>
/// The environment variables Lambda gives a managed runtime (spec §1.8), read through one place so tests can
/// supply their own.
/// </summary>
internal sealed class LambdaEnvironment
{
    public const string VariableRuntimeApi = "AWS_LAMBDA_RUNTIME_API";
    public const string VariableHandler = "_HANDLER";
    public const string VariableTaskRoot = "LAMBDA_TASK_ROOT";
    public const string VariableFunctionName = "AWS_LAMBDA_FUNCTION_NAME";
    public const string VariableFunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string VariableFunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string VariableLogGroupName = "AWS_LAMBDA_LOG_GROUP_NAME";
    public const string VariableLogStreamName = "AWS_LAMBDA_LOG_STREAM_NAME";
    public const string VariableInitializationType = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public const string VariableTraceId = "_X_AMZN_TRACE_ID";
    public const string VariableDisableMemoryLimitCheck = "AWS_LAMBDA_DOTNET_DISABLE_MEMORY_LIMIT_CHECK";
    public const string VariableDebugRunOnce = "AWS_LAMBDA_DOTNET_DEBUG_RUN_ONCE";
    public const string VariableHandlerLogLevel = "AWS_LAMBDA_HANDLER_LOG_LEVEL";
    public const string VariableHandlerLogFormat = "AWS_LAMBDA_HANDLER_LOG_FORMAT";
    public const string VariableLogLevel = "AWS_LAMBDA_LOG_LEVEL";
    public const string InitializationTypeSnapStart = "snap-start";

    private readonly Func<string, string?> _get;
    private readonly Action<string, string?> _set;

    public LambdaEnvironment(Func<string, string?> get, Action<string, string?> set)
    {
        _get = get;
        _set = set;
    }

    public static LambdaEnvironment System { get; } = new(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    public static LambdaEnvironment FromDictionary(IDictionary<string, string?> variables) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null, (name, value) => variables[name] = value);

    public string? this[string name] => _get(name);

    public string FunctionName => _get(VariableFunctionName) ?? string.Empty;

    public string FunctionVersion => _get(VariableFunctionVersion) ?? string.Empty;

    public int MemoryLimitInMB => int.TryParse(_get(VariableFunctionMemorySize), out var mb) ? mb : 0;

    public string LogGroupName => _get(VariableLogGroupName) ?? string.Empty;

    public string LogStreamName => _get(VariableLogStreamName) ?? string.Empty;

    public bool IsSnapStart => string.Equals(_get(VariableInitializationType), InitializationTypeSnapStart, StringComparison.Ordinal);

    public bool IsTrue(string name) => string.Equals(_get(name), "true", StringComparison.OrdinalIgnoreCase);

    public void Set(string name, string? value) => _set(name, value);

    public static IDictionary<string, string?> Snapshot()
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            copy[(string)entry.Key] = entry.Value as string;
        }

        return copy;
    }
}
