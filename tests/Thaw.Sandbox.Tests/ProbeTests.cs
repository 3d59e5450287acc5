namespace Thaw.Sandbox.Tests;

public sealed class ProbeTests
{
    [Fact]
    public void Probe_finds_isolation_and_the_built_criu()
    {
        if (!Linux.Native.IsRoot())
        {
            Assert.Skip("The probe reports isolation only for root; CI runs as root.");
        }

        var caps = SandboxProbe.Probe();
        Assert.True(caps.CanIsolate, caps.IsolationProblem);
        Assert.Null(caps.IsolationProblem);
        Assert.True(caps.CanSnapshot, caps.SnapshotProblem);
        Assert.Equal("4.2.1", caps.CriuVersion);
        Assert.Equal(Criu.CriuLocator.CachePath(), caps.CriuPath);
    }

    [Fact]
    public void Probe_explains_a_missing_or_unusable_criu()
    {
        var missing = SandboxProbe.Probe("/nonexistent/criu");
        Assert.False(missing.CanSnapshot);
        Assert.Contains("not found", missing.SnapshotProblem, StringComparison.Ordinal);
        Assert.Contains("build-criu.sh", missing.SnapshotProblem, StringComparison.Ordinal);

        var notCriu = SandboxProbe.Probe("/bin/true");
        Assert.False(notCriu.CanSnapshot);
        Assert.Contains("--version", notCriu.SnapshotProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_rejects_a_criu_too_old_for_tcp_dumps()
    {
        var dir = Directory.CreateTempSubdirectory("thaw-probe-");
        try
        {
            var fake = Path.Combine(dir.FullName, "criu");
            File.WriteAllText(fake, "#!/bin/sh\necho 'Version: 4.1.1'\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var caps = SandboxProbe.Probe(fake);
            Assert.False(caps.CanSnapshot);
            Assert.Equal("4.1.1", caps.CriuVersion);
            Assert.Contains("too old", caps.SnapshotProblem, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
