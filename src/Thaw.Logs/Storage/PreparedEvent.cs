using Thaw.Logs.Lambda;

namespace Thaw.Logs.Storage;

/// <summary>An event ready to insert: the discovered Lambda fields are computed by the caller, off the writer thread.</summary>
internal readonly record struct PreparedEvent(long TimestampMs, string Message, int Size, LambdaFields Lambda);
