using System.Diagnostics;

namespace Thaw.Lambda.Tests.Process;

/// <summary>
/// Publishes the runtime and the sample functions the way the host does (<c>dotnet publish -c Release -o dir</c>),
/// once per test run, into a temporary directory that is deleted afterwards.
/// </summary>
public sealed class PublishedArtifacts : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    public string Root { get; } = Directory.CreateTempSubdirectory("thaw-lambda-tests-").FullName;

    public string RuntimeDll => Path.Combine(Root, "runtime", "Thaw.Lambda.RuntimeSupport.dll");

    public string HelloWorld => Path.Combine(Root, "HelloWorld");

    public string SnapStartProbe => Path.Combine(Root, "SnapStartProbe");

    public string NoOp => Path.Combine(Root, "NoOp");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Thaw.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Thaw.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public async ValueTask InitializeAsync()
    {
        var repo = RepositoryRoot;
        // One at a time: the projects share the SDK projects' obj directories.
        await PublishAsync(Path.Combine(repo, "src", "Thaw.Lambda.RuntimeSupport"), Path.Combine(Root, "runtime"));
        await PublishAsync(Path.Combine(repo, "samples", "HelloWorld"), HelloWorld);
        await PublishAsync(Path.Combine(repo, "samples", "SnapStartProbe"), SnapStartProbe);
        await PublishAsync(Path.Combine(repo, "samples", "NoOp"), NoOp);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task PublishAsync(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {project} took longer than {PublishTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
