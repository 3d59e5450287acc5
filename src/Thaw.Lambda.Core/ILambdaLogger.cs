namespace Thaw.Lambda.Core;

/// <summary>Writes to the function's log stream.</summary>
public interface ILambdaLogger
{
    /// <summary>Logs a message.</summary>
    void Log(string message);

    /// <summary>Logs a message as one line.</summary>
    void LogLine(string message);

    /// <summary>Logs a message at a level given by name (Trace, Debug, Information, Warning, Error, Critical).</summary>
    void Log(string level, string message) => LogLine(message);

    /// <summary>Logs a message at a level.</summary>
    void Log(LogLevel level, string message) => Log(level.ToString(), message);

    /// <summary>Logs a message template with arguments at a level given by name.</summary>
    void Log(string level, string message, params object?[] args) => Log(level, MessageTemplate.Apply(message, args));

    /// <summary>Logs an exception and a message template with arguments at a level given by name.</summary>
    void Log(string level, Exception exception, string message, params object?[] args) =>
        Log(level, MessageTemplate.Apply(message, args) + "\n" + exception);

    /// <summary>Logs a message template with arguments at a level.</summary>
    void Log(LogLevel level, string message, params object?[] args) => Log(level.ToString(), message, args);

    /// <summary>Logs an exception and a message template with arguments at a level.</summary>
    void Log(LogLevel level, Exception exception, string message, params object?[] args) =>
        Log(level.ToString(), exception, message, args);

    /// <summary>Logs at Trace level.</summary>
    void LogTrace(string message) => Log(LogLevel.Trace, message);

    /// <summary>Logs at Debug level.</summary>
    void LogDebug(string message) => Log(LogLevel.Debug, message);

    /// <summary>Logs at Information level.</summary>
    void LogInformation(string message) => Log(LogLevel.Information, message);

    /// <summary>Logs at Warning level.</summary>
    void LogWarning(string message) => Log(LogLevel.Warning, message);

    /// <summary>Logs at Error level.</summary>
    void LogError(string message) => Log(LogLevel.Error, message);

    /// <summary>Logs at Critical level.</summary>
    void LogCritical(string message) => Log(LogLevel.Critical, message);

    /// <summary>Logs a message template at Trace level.</summary>
    void LogTrace(string message, params object?[] args) => Log(LogLevel.Trace, message, args);

    /// <summary>Logs a message template at Debug level.</summary>
    void LogDebug(string message, params object?[] args) => Log(LogLevel.Debug, message, args);

    /// <summary>Logs a message template at Information level.</summary>
    void LogInformation(string message, params object?[] args) => Log(LogLevel.Information, message, args);

    /// <summary>Logs a message template at Warning level.</summary>
    void LogWarning(string message, params object?[] args) => Log(LogLevel.Warning, message, args);

    /// <summary>Logs a message template at Error level.</summary>
    void LogError(string message, params object?[] args) => Log(LogLevel.Error, message, args);

    /// <summary>Logs a message template at Critical level.</summary>
    void LogCritical(string message, params object?[] args) => Log(LogLevel.Critical, message, args);

    /// <summary>Logs an exception and a message template at Error level.</summary>
    void LogError(Exception exception, string message, params object?[] args) => Log(LogLevel.Error, exception, message, args);

    /// <summary>Logs an exception and a message template at Warning level.</summary>
    void LogWarning(Exception exception, string message, params object?[] args) => Log(LogLevel.Warning, exception, message, args);

    /// <summary>Logs an exception and a message template at Critical level.</summary>
    void LogCritical(Exception exception, string message, params object?[] args) => Log(LogLevel.Critical, exception, message, args);
}
