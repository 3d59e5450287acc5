namespace Thaw.Logs.Storage;

/// <summary>
/// A scan through <c>event_blocks</c> (plus each group's tail): the events of the groups in an inclusive time range whose
/// message contains any of <see cref="Literals"/> (every event when null), in no particular order. Only for queries
/// whose answer does not depend on the order of events; the events carry no discovered Lambda fields.
/// </summary>
internal sealed record BlockScanRequest(IReadOnlyList<long> GroupIds, long StartMs, long EndMs, IReadOnlyList<string>? Literals);
