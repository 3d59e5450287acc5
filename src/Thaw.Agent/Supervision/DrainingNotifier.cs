using Thaw.Agent.Control;
using Thaw.Agent.Protocol;

namespace Thaw.Agent.Supervision;

/// <summary>
/// Sends frames that end a phase only after the runtime's output written so far: the host can then put its
/// END/REPORT lines after the function's own (PROTOCOL.md, ordering guarantee).
/// </summary>
internal sealed class DrainingNotifier : IHostNotifier
{
    private readonly ControlChannel _control;
    private readonly Func<LogPump?> _pump;

    public DrainingNotifier(ControlChannel control, Func<LogPump?> pump)
    {
        _control = control;
        _pump = pump;
    }

    public void Notify(FrameKind kind, IReadOnlyDictionary<string, object?>? header, ReadOnlySpan<byte> body)
    {
        _pump()?.Drain();
        _control.Send(kind, header, body);
    }
}
