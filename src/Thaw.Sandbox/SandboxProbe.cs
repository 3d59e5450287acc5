namespace Thaw.Sandbox;

/// <summary>Finds out what this machine allows: namespaces and cgroups (root), and a CRIU that passes its checks.</summary>
public static class SandboxProbe
{
    /// <summary>Probes the machine. <paramref name="criuPath"/> overrides where CRIU is looked for.</summary>
    public static SandboxCapabilities Probe(string? criuPath = null)
    {
        _ = criuPath;
        return new SandboxCapabilities(false, "The sandbox probe is not written yet.", false, "The sandbox probe is not written yet.", null, null);
    }
}
