using Thaw.Sandbox;

namespace Thaw.Host.Extensions.Model;

internal sealed record HostInfo(string Version, string StateDirectory, string Region, string AccountId, SandboxCapabilities Capabilities);
