namespace Thaw.Sandbox;

/// <summary>A snapshot's files do not match its manifest (or the manifest is missing); it must not be restored.</summary>
public sealed class SnapshotCorruptException : Exception
{
    public SnapshotCorruptException()
    {
    }

    public SnapshotCorruptException(string message)
        : base(message)
    {
    }

    public SnapshotCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
