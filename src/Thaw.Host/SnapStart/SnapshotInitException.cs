namespace Thaw.Host.SnapStart;

/// <summary>A publish-time Init failed (user code, a before-snapshot hook, or the runtime), so no snapshot could be made.</summary>
internal sealed class SnapshotInitException : Exception
{
    public SnapshotInitException(string message, string reasonCode)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    public SnapshotInitException()
        : this("Init failed.", "FunctionError.RuntimeInitError")
    {
    }

    public SnapshotInitException(string message)
        : this(message, "FunctionError.RuntimeInitError")
    {
    }

    public SnapshotInitException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = "FunctionError.RuntimeInitError";
    }

    public string ReasonCode { get; }
}
