namespace Thaw.Lambda.Core;

/// <summary>Log levels, in the order and with the values of Amazon.Lambda.Core.</summary>
public enum LogLevel
{
    /// <summary>Trace level.</summary>
    Trace = 0,

    /// <summary>Debug level.</summary>
    Debug = 1,

    /// <summary>Information level.</summary>
    Information = 2,

    /// <summary>Warning level.</summary>
    Warning = 3,

    /// <summary>Error level.</summary>
    Error = 4,

    /// <summary>Critical level.</summary>
    Critical = 5,
}
