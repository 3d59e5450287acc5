using System.Diagnostics;
using System.Globalization;
using Thaw.Agent.Protocol;
using Thaw.Agent.Tests.Harness;

namespace Thaw.Agent.Tests.Snapshot;

/// <summary>
/// The agent as pid 1 of new pid and net namespaces, its runtime blocked in restore/next over loopback TCP, dumped
/// with CRIU and restored twice from the same images with new pipes on fds 0/1/2 (criu's own, via --inherit-fd).
/// </summary>
public sealed class CriuSnapshotTests
{
    /// <summary>A bash runtime following the official clients' SnapStart sequence over /dev/tcp.</summary>
    internal const string SnapStartRuntime = """
        exec 3<>/dev/tcp/127.0.0.1/9001
        printf 'GET /2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: x\r\n\r\n' >&3
        echo "before snapshot"
        IFS= read -r status <&3
        echo "restore/next: ${status%$'\r'}"
        while IFS= read -r line <&3; do line=${line%$'\r'}; [ -z "$line" ] && break; done
        printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n' >&3
        len=0
        while IFS= read -r line <&3; do
          line=${line%$'\r'}
          [ -z "$line" ] && break
          case "$line" in
            Lambda-Runtime-Aws-Request-Id:*) id=${line#*: } ;;
            Content-Length:*) len=${line#*: } ;;
          esac
        done
        read -r -N "$len" body <&3
        echo "event $id $body"
        printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nfrom %s' "$id" "${id#clone-}" >&3
        exec sleep 600
        """;

    [Fact]
    public async Task Agent_SurvivesCriuDump_AndServesEachRestoredClone()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("Namespaces and CRIU need root.");
        }

        var criu = Environment.GetEnvironmentVariable("THAW_CRIU") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache/thaw/tools/criu-4.2.1/criu");
        if (!File.Exists(criu))
        {
            Assert.Skip($"CRIU 4.2.1 is not built at {criu}: run scripts/build-criu.sh (or set THAW_CRIU).");
        }

        var images = Directory.CreateTempSubdirectory("thaw-agent-criu-");
        try
        {
            long[] pipes;
            await using (var original = await AgentProcess.StartAsync(
                ["/bin/bash", "-c", SnapStartRuntime],
                snapStart: true,
                launcher: ["unshare", "--pid", "--net", "--fork", "/bin/sh", "-c", "ip link set lo up && exec setsid \"$@\"", "sh"]))
            {
                Assert.Equal("before snapshot", await original.ExpectLogAsync(_ => true));
                await original.ExpectAsync(FrameKind.SnapshotReady);
                var agentPid = ChildOf(original.Pid);
                Assert.Equal("1", NamespacePid(agentPid));
                pipes = [PipeInode(agentPid, 0), PipeInode(agentPid, 1), PipeInode(agentPid, 2)];

                var dump = await RunAsync(criu, ["dump", "-t", agentPid.ToString(CultureInfo.InvariantCulture), "-D", images.FullName, "--tcp-established", "--network-lock", "skip", "-o", "dump.log"]);
                Assert.True(dump == 0, $"criu dump failed:\n{Tail(Path.Combine(images.FullName, "dump.log"))}");
                await original.WaitForExitAsync();
            }

            for (var clone = 0; clone < 2; clone++)
            {
                var work = images.CreateSubdirectory($"work-{clone}");
                var pidFile = Path.Combine(work.FullName, "pid");
                var start = new ProcessStartInfo(criu)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var arg in new[] { "restore", "-D", images.FullName, "-W", work.FullName, "--restore-detached", "--tcp-established", "--network-lock", "skip", "--pidfile", pidFile, "-o", "restore.log" })
                {
                    start.ArgumentList.Add(arg);
                }

                for (var fd = 0; fd < 3; fd++)
                {
                    start.ArgumentList.Add("--inherit-fd");
                    start.ArgumentList.Add($"fd[{fd}]:pipe:[{pipes[fd]}]");
                }

                var criuProcess = Process.Start(start)!;
                await criuProcess.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.True(criuProcess.ExitCode == 0, $"criu restore failed:\n{Tail(Path.Combine(work.FullName, "restore.log"))}");
                var clonePid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
                await using var restored = AgentProcess.Attach(criuProcess, clonePid);

                await restored.SendAsync(FrameKind.Restore, new Dictionary<string, object?> { ["restoreHookTimeoutMs"] = 10_000 });
                Assert.Equal("restore/next: HTTP/1.1 200 OK", await restored.ExpectLogAsync(_ => true));
                await restored.ExpectAsync(FrameKind.RestoreComplete);
                await restored.SendInvokeAsync($"clone-{clone}", "{\"n\":1}");
                Assert.Equal($"event clone-{clone} {{\"n\":1}}", await restored.ExpectLogAsync(_ => true));
                var response = await restored.ExpectAsync(FrameKind.Response);
                Assert.Equal($"clone-{clone}", response.GetString("requestId"));
                Assert.Equal($"from {clone}", response.Body());

                await restored.SendAsync(FrameKind.Shutdown, new Dictionary<string, object?>());
                await ProcessProbe.WaitGoneAsync(clonePid);
            }
        }
        finally
        {
            images.Delete(recursive: true);
        }
    }

    private static int ChildOf(int pid) =>
        int.Parse(File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

    private static string NamespacePid(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("NSpid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[^1];

    private static long PipeInode(int pid, int fd)
    {
        var target = new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget!;
        Assert.StartsWith("pipe:[", target, StringComparison.Ordinal);
        return long.Parse(target["pipe:[".Length..^1], CultureInfo.InvariantCulture);
    }

    private static async Task<int> RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode;
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadAllLines(path).TakeLast(40)) : $"({path} missing)";
}
