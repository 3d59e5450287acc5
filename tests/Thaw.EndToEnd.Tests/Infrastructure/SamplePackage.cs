namespace Thaw.EndToEnd.Tests.Infrastructure;

internal sealed record SamplePackage(string Name, byte[] Zip, string Runtime, string Handler, int MemorySize, int Timeout);
