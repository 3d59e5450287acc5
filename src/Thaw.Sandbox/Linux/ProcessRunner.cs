using System.Diagnostics;

namespace Thaw.Sandbox.Linux;

/// <summary>Runs a short helper process (ip, nsenter, criu, unshare) to completion and collects its output.</summary>
internal static class ProcessRunner
{
    /// <summary>The PATH helpers run with; the host's own environment is never passed into an environment.</summary>
    public const string SystemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        psi.Environment["PATH"] = SystemPath;
        return psi;
    }

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        using var p = Process.Start(StartInfo(fileName, arguments)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        try
        {
            var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
            if (standardInput is not null)
            {
                await p.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            p.StandardInput.Close();
            await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessResult(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            TryKill(p);
            throw;
        }
        finally
        {
            CloseStreams(p);
        }
    }

    /// <summary>Synchronous variant for the probe (runs once, at start-up or in <c>thaw doctor</c>).</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var p = Process.Start(StartInfo(fileName, arguments)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            if (!p.WaitForExit(timeout))
            {
                TryKill(p);
                return new ProcessResult(-1, "", $"{fileName} did not finish within {timeout.TotalSeconds:0} s.");
            }

            return new ProcessResult(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        finally
        {
            CloseStreams(p);
        }
    }

    /// <summary>Process.Dispose does not close redirected streams; their pipes would stay open until finalization.</summary>
    internal static void CloseStreams(Process p)
    {
        p.StandardInput.Dispose();
        p.StandardOutput.Dispose();
        p.StandardError.Dispose();
    }

    internal static void TryKill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
