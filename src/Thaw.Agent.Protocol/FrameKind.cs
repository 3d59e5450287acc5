namespace Thaw.Agent.Protocol;

/// <summary>
/// The kind byte of a control frame. Values below 0x80 travel host → agent, values from 0x80 agent → host.
/// The meaning of each frame, its header fields and when it is sent are specified in PROTOCOL.md next to this file.
/// </summary>
public enum FrameKind : byte
{
    /// <summary>Host → agent: an invocation event for the runtime's pending or next <c>invocation/next</c>.</summary>
    Invoke = 0x01,

    /// <summary>Host → agent: release the runtime's pending <c>restore/next</c> (200, empty body).</summary>
    Restore = 0x02,

    /// <summary>Host → agent: stop the runtime and exit.</summary>
    Shutdown = 0x03,

    /// <summary>Agent → host: the Runtime API listens and the runtime process was started.</summary>
    Started = 0x81,

    /// <summary>Agent → host: the runtime called <c>invocation/next</c> for the first time (Init is over).</summary>
    InitComplete = 0x82,

    /// <summary>Agent → host: the runtime called <c>restore/next</c> and is blocked in it; logs are flushed; dump now.</summary>
    SnapshotReady = 0x83,

    /// <summary>Agent → host: after a Restore frame, the runtime called <c>invocation/next</c> (after-restore hooks done).</summary>
    RestoreComplete = 0x84,

    /// <summary>Agent → host: the runtime posted <c>init/error</c>.</summary>
    InitError = 0x85,

    /// <summary>Agent → host: the runtime posted <c>restore/error</c> (or <c>init/error</c> while restoring).</summary>
    RestoreError = 0x86,

    /// <summary>Agent → host: the runtime posted <c>invocation/{id}/response</c>.</summary>
    Response = 0x87,

    /// <summary>Agent → host: the runtime posted <c>invocation/{id}/error</c>, or its response was refused.</summary>
    InvocationError = 0x88,

    /// <summary>Agent → host: one line the runtime wrote to stdout or stderr.</summary>
    Log = 0x89,

    /// <summary>Agent → host: the runtime process exited.</summary>
    RuntimeExited = 0x8A,
}
