using Thaw.Agent.Protocol;

namespace Thaw.Agent.Control;

/// <summary>Sends a frame that follows a runtime call, after every output line the runtime wrote before it.</summary>
internal interface IHostNotifier
{
    void Notify(FrameKind kind, IReadOnlyDictionary<string, object?>? header, ReadOnlySpan<byte> body);
}
