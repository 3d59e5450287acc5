using System.ComponentModel;
using Thaw.Cli.Api;
using Thaw.Cli.Common;
using Thaw.Sandbox;

namespace Thaw.Cli.Commands.Doctor;

/// <summary>The checks behind <c>thaw doctor</c>: the sandbox probe plus what the CLI can see for itself.</summary>
internal sealed class DoctorChecks(CliContext context)
{
    private static readonly string[] Namespaces = ["pid", "net", "mnt", "uts", "ipc"];

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>
        {
            Root(),
            Kernel(),
            NamespaceFiles(),
            MemoryCgroup(),
        };

        SandboxCapabilities? capabilities = null;
        try
        {
            capabilities = context.ProbeSandbox();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new DoctorCheck("Sandbox probe", CheckStatus.Failed, $"The probe itself failed: {e.GetType().Name}: {e.Message}"));
        }

        if (capabilities is not null)
        {
            checks.Add(Isolation(capabilities));
            checks.Add(Criu(capabilities));
            if (capabilities.CriuPath is { } criu)
            {
                checks.Add(await CriuCheckAsync(criu, cancellationToken));
            }
        }

        checks.Add(await DotnetAsync(cancellationToken));
        checks.Add(await HostAsync(endpoint, cancellationToken));
        return checks;
    }

    private static DoctorCheck Root() => Environment.IsPrivilegedProcess
        ? new DoctorCheck("Root", CheckStatus.Ok, "Running as root: namespaces, cgroups and CRIU are allowed.")
        : new DoctorCheck("Root", CheckStatus.Failed, "Not root: creating namespaces, memory cgroups and CRIU dumps need root. Run thaw (serve) with sudo.");

    private static DoctorCheck Kernel()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new DoctorCheck("Kernel", CheckStatus.Failed, $"{Environment.OSVersion}: execution environments need Linux namespaces.");
        }

        var release = ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString;
        return new DoctorCheck("Kernel", CheckStatus.Ok, $"Linux {release}");
    }

    private static DoctorCheck NamespaceFiles()
    {
        var missing = Namespaces.Where(n => !File.Exists($"/proc/self/ns/{n}")).ToList();
        return missing.Count == 0
            ? new DoctorCheck("Namespaces", CheckStatus.Ok, "The kernel has pid, net, mnt, uts and ipc namespaces.")
            : new DoctorCheck("Namespaces", CheckStatus.Failed, $"The kernel lacks {string.Join(", ", missing)} namespaces (no /proc/self/ns/…): environments cannot be isolated.");
    }

    /// <summary>The same places the sandbox looks: cgroup v2 (pure or the hybrid unified mount) with memory, else v1 memory.</summary>
    private static DoctorCheck MemoryCgroup()
    {
        foreach (var root in new[] { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" })
        {
            if (ReadTrimmed(Path.Combine(root, "cgroup.controllers")) is { } controllers && controllers.Split(' ').Contains("memory"))
            {
                return new DoctorCheck("Memory cgroup", CheckStatus.Ok, $"cgroup v2 at {root} with the memory controller: MemorySize is enforced and Max Memory Used measured.");
            }
        }

        return File.Exists("/sys/fs/cgroup/memory/memory.limit_in_bytes")
            ? new DoctorCheck("Memory cgroup", CheckStatus.Ok, "cgroup v1 memory hierarchy at /sys/fs/cgroup/memory (no v2 memory controller): MemorySize is enforced and Max Memory Used measured.")
            : new DoctorCheck("Memory cgroup", CheckStatus.Failed, "No memory cgroup controller (v2 or v1) is mounted: MemorySize cannot be enforced nor Max Memory Used measured.");
    }

    private static DoctorCheck Isolation(SandboxCapabilities c) => c.CanIsolate
        ? new DoctorCheck("Isolation", CheckStatus.Ok, "Execution environments get their own namespaces, /tmp and memory cgroup.")
        : new DoctorCheck("Isolation", CheckStatus.Failed, $"Execution environments cannot be isolated: {c.IsolationProblem ?? "no reason given"}");

    private static DoctorCheck Criu(SandboxCapabilities c)
    {
        var where = c.CriuPath is null ? string.Empty : $" {c.CriuPath}";
        var version = c.CriuVersion is null ? string.Empty : $" ({c.CriuVersion})";
        return c.CanSnapshot
            ? new DoctorCheck("CRIU", CheckStatus.Ok, $"SnapStart snapshots work:{where}{version}.")
            : new DoctorCheck(
                "CRIU",
                CheckStatus.Failed,
                $"No working CRIU{where}{version}: {c.SnapshotProblem ?? "no reason given"}. SnapStart versions publish in on-demand mode (every cold start runs Init). `./thaw` builds CRIU 4.2.1 (scripts/build-criu.sh).");
    }

    private async Task<DoctorCheck> CriuCheckAsync(string criu, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new DoctorCheck("criu check", CheckStatus.Warning, "Skipped: criu check needs root.");
        }

        try
        {
            var result = await context.Processes.RunAsync(criu, ["check"], null, cancellationToken);
            var output = LastLine(result.StandardOutput + result.StandardError);
            return result.ExitCode == 0
                ? new DoctorCheck("criu check", CheckStatus.Ok, output.Length > 0 ? output : "Passed.")
                : new DoctorCheck("criu check", CheckStatus.Failed, $"Exit code {result.ExitCode}: {output}");
        }
        catch (Win32Exception e)
        {
            return new DoctorCheck("criu check", CheckStatus.Failed, $"Could not run {criu}: {e.Message}");
        }
    }

    private async Task<DoctorCheck> DotnetAsync(CancellationToken cancellationToken)
    {
        var dotnet = DotnetLocator.Find(context);
        try
        {
            var result = await context.Processes.RunAsync(dotnet, ["--version"], null, cancellationToken);
            return result.ExitCode == 0
                ? new DoctorCheck(".NET SDK", CheckStatus.Ok, $"{LastLine(result.StandardOutput)} ({dotnet}): thaw deploy can build .NET projects.")
                : new DoctorCheck(".NET SDK", CheckStatus.Failed, $"`{dotnet} --version` failed: {LastLine(result.StandardError + result.StandardOutput)}. thaw deploy cannot build .NET projects (zips still work).");
        }
        catch (Win32Exception e)
        {
            return new DoctorCheck(".NET SDK", CheckStatus.Failed, $"No dotnet ({e.Message}): thaw deploy cannot build .NET projects (zips still work).");
        }
    }

    private async Task<DoctorCheck> HostAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttpClient();
        var lambda = new LambdaClient(new HostConnection(http, endpoint));
        try
        {
            var functions = await lambda.ListFunctionsAsync(cancellationToken);
            return new DoctorCheck("Host", CheckStatus.Ok, $"A Thaw host answers at {endpoint} ({functions.Count} functions).");
        }
        catch (HostUnreachableException)
        {
            return new DoctorCheck("Host", CheckStatus.Warning, $"No host answers at {endpoint}. {EndpointOption.StartHint(endpoint)}");
        }
        catch (LambdaApiException e)
        {
            return new DoctorCheck("Host", CheckStatus.Failed, $"Something answers at {endpoint} but not as a Thaw host: {e.ErrorType}: {e.Message}");
        }
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
}
