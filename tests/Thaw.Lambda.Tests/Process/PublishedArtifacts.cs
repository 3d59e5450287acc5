using System.Diagnostics;

namespace Thaw.Lambda.Tests.Process;

/// <summary>
/// Publishes the runtime the way the host does (<c>dotnet publish -c Release -o dir</c>), once per test class, into a
/// temporary directory that is deleted afterwards. The sample functions are built with the tests (project references
/// without output) and their build folders used as deployment packages, which they are (framework-dependent, every
/// dependency copied).
/// </summary>
public sealed class PublishedArtifacts : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    public string Root { get; } = Directory.CreateTempSubdirectory("thaw-lambda-tests-").FullName;

    public string RuntimeDll => Path.Combine(Root, "runtime", "Thaw.Lambda.RuntimeSupport.dll");

    public static string HelloWorld => SampleOutput("HelloWorld");

    public static string SnapStartProbe => SampleOutput("SnapStartProbe");

    public static string NoOp => SampleOutput("NoOp");

    public static string MacAddressProbe => SampleOutput("MacAddressProbe");

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
        await PublishAsync(Path.Combine(repo, "src", "Thaw.Lambda.RuntimeSupport"), Path.Combine(Root, "runtime"));
    }

    private static string SampleOutput(string sample)
    {
        // The tests run from tests/Thaw.Lambda.Tests/bin/<Configuration>/<tfm>/; the samples were built alike.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var output = Path.Combine(RepositoryRoot, "samples", sample, "bin", tfm.Parent!.Name, tfm.Name);
        return File.Exists(Path.Combine(output, sample + ".dll"))
            ? output
            : throw new InvalidOperationException($"{sample} is not built at {output}.");
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
