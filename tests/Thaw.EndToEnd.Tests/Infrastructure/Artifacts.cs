using System.IO.Compression;
using System.Text.Json;

namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the host runs inside environments (the agent, the dotnet10 runtime) and the sample packages. `./thaw test`
/// builds the first two into THAW_ARTIFACTS; a bare `dotnet test` publishes them here on first use.
/// </summary>
internal static class Artifacts
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, SamplePackage> Packages = [];
    private static string? _root;

    public static async Task<string> RootAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_root is not null)
            {
                return _root;
            }

            var root = Environment.GetEnvironmentVariable("THAW_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(Repo.Root, "artifacts");
            if (!File.Exists(Path.Combine(root, "agent", "thaw-agent")))
            {
                await ProcessRunner.RunAsync("dotnet", ["publish", "src/Thaw.Agent/Thaw.Agent.csproj", "-c", "Release", "-o", Path.Combine(root, "agent"), "-nologo", "-v", "q"]);
            }

            if (!File.Exists(Path.Combine(root, "runtimes", "dotnet10", "Thaw.Lambda.RuntimeSupport.dll")))
            {
                await ProcessRunner.RunAsync("dotnet", ["publish", "src/Thaw.Lambda.RuntimeSupport/Thaw.Lambda.RuntimeSupport.csproj", "-c", "Release", "-o", Path.Combine(root, "runtimes", "dotnet10"), "-nologo", "-v", "q"]);
            }

            return _root = root;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The sample's deployment package (published once per test run) and its defaults.</summary>
    public static async Task<SamplePackage> SampleAsync(string name)
    {
        await Gate.WaitAsync();
        try
        {
            if (Packages.TryGetValue(name, out var cached))
            {
                return cached;
            }

            var dir = Path.Combine(Repo.Samples, name);
            var output = Path.Combine(Path.GetTempPath(), "thaw-e2e-samples", name);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            var csproj = Directory.GetFiles(dir, "*.csproj").FirstOrDefault();
            string content;
            if (csproj is not null)
            {
                await ProcessRunner.RunAsync("dotnet", ["publish", csproj, "-c", "Release", "-o", output, "-nologo", "-v", "q"]);
                content = output;
            }
            else
            {
                content = dir;
            }

            var zip = Zip(content);
            var defaults = ReadDefaults(dir);
            var package = new SamplePackage(name, zip, defaults.Runtime, defaults.Handler, defaults.Memory, defaults.Timeout);
            Packages[name] = package;
            return package;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Zips a directory keeping Unix modes (a bootstrap must stay executable).</summary>
    public static byte[] Zip(string directory)
    {
        using var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(directory, file);
                if (rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal) || rel.EndsWith(".csproj", StringComparison.Ordinal))
                {
                    continue;
                }

                var entry = archive.CreateEntryFromFile(file, rel);
                entry.ExternalAttributes = (int)File.GetUnixFileMode(file) << 16;
            }
        }

        return ms.ToArray();
    }

    private static (string Runtime, string Handler, int Memory, int Timeout) ReadDefaults(string dir)
    {
        var path = Path.Combine(dir, "aws-lambda-tools-defaults.json");
        if (!File.Exists(path))
        {
            return ("provided.al2023", "bootstrap", 256, 30);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var r = doc.RootElement;
        return (
            r.TryGetProperty("function-runtime", out var rt) ? rt.GetString()! : "provided.al2023",
            r.TryGetProperty("function-handler", out var h) ? h.GetString()! : "bootstrap",
            r.TryGetProperty("function-memory-size", out var m) ? m.GetInt32() : 256,
            r.TryGetProperty("function-timeout", out var t) ? t.GetInt32() : 30);
    }
}
