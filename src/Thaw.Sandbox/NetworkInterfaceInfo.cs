namespace Thaw.Sandbox;

/// <summary>An interface inside an environment. <paramref name="MacAddress"/> is lower-case, colon-separated.</summary>
public sealed record NetworkInterfaceInfo(string Name, string MacAddress);
