namespace Thaw.Agent.Supervision;

/// <summary>Receives one line; the span is only valid during the call.</summary>
internal delegate void LineHandler(ReadOnlySpan<byte> line);
