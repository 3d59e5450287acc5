using Thaw.Agent.Protocol;

namespace Thaw.Agent.Control;

/// <summary>
/// The agent's end of the host pipes: frames in on stdin, frames out on stdout. One writer at a time;
/// a broken output pipe means the host is gone, which <see cref="HostGone"/> reports.
/// </summary>
internal sealed class ControlChannel : IDisposable
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Lock _writeGate = new();
    private readonly CancellationTokenSource _hostGone = new();
    private bool _broken;

    public ControlChannel(Stream input, Stream output)
    {
        _input = input;
        _output = output;
    }

    /// <summary>Cancelled once writing to the host failed.</summary>
    public CancellationToken HostGone => _hostGone.Token;

    /// <summary>Reads the next host frame, blocking; null at end of stream.</summary>
    public Frame? Read() => FrameCodec.Read(_input);

    /// <summary>Writes one frame; returns false (and signals <see cref="HostGone"/>) if the host no longer reads.</summary>
    public bool Send(FrameKind kind, IReadOnlyDictionary<string, object?>? header, ReadOnlySpan<byte> body)
    {
        var headerJson = header is null ? [] : FrameCodec.SerializeHeader(header);
        lock (_writeGate)
        {
            if (_broken)
            {
                return false;
            }

            try
            {
                FrameCodec.Write(_output, kind, headerJson, body);
                return true;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                _broken = true;
                Diagnostics.Write($"writing a {kind} frame to the host failed: {ex.Message}");
            }
        }

        try
        {
            _hostGone.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The agent is already exiting.
        }

        return false;
    }

    public void Dispose() => _hostGone.Dispose();
}
