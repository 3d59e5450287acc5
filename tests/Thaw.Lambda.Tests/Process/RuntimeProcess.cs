using System.Diagnostics;

namespace Thaw.Lambda.Tests.Process;

/// <summary>The published runtime started as the host starts it: <c>dotnet /var/runtime/Thaw.Lambda.RuntimeSupport.dll</c>.</summary>
public sealed class RuntimeProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _changed = new(0);

    private RuntimeProcess(System.Diagnostics.Process process) => _process = process;

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static RuntimeProcess Start(string runtimeDll, IDictionary<string, string> environment) =>
        Start(new ProcessStartInfo("dotnet", [runtimeDll]), environment);

    /// <summary>A custom runtime: the host execs <c>/var/task/bootstrap</c>.</summary>
    public static RuntimeProcess StartExecutable(string bootstrap, IDictionary<string, string> environment) =>
        Start(new ProcessStartInfo(bootstrap), environment);

    private static RuntimeProcess Start(ProcessStartInfo start, IDictionary<string, string> environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        if (start.FileName.Length == 0)
        {
            throw new ArgumentException("no file name", nameof(start));
        }

        // Only what Lambda would give the runtime, plus what dotnet itself needs to start.
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        var runtime = new RuntimeProcess(process);
        process.OutputDataReceived += (_, e) => runtime.Add(e.Data);
        process.ErrorDataReceived += (_, e) => runtime.Add(e.Data is null ? null : "STDERR " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runtime;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = Lines.FirstOrDefault(predicate);
            if (line is not null)
            {
                return line;
            }

            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching output line; output so far:\n" + string.Join("\n", Lines));
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> lines match (output arrives after the calls it accompanies).</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(Func<string, bool> predicate, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var lines = Lines.Where(predicate).ToList();
            if (lines.Count >= count)
            {
                return lines;
            }

            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{lines.Count} of {count} matching lines; output so far:\n" + string.Join("\n", Lines));
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _changed.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _changed.Release();
    }
}
