using Thaw.Cli.Common;

namespace Thaw.Cli.Tests.Support;

/// <summary>Records the programs the CLI runs and answers for them (e.g. a dotnet publish that writes files into -o).</summary>
internal sealed class FakeProcessRunner(Func<string, IReadOnlyList<string>, ProcessResult> behaviour) : IProcessRunner
{
    public List<(string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory)> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        Calls.Add((fileName, arguments, workingDirectory));
        return Task.FromResult(behaviour(fileName, arguments));
    }

    /// <summary>A <c>dotnet publish</c> that succeeds and writes <paramref name="files"/> into the -o directory.</summary>
    public static FakeProcessRunner Publishing(IReadOnlyDictionary<string, string> files) => new((_, args) =>
    {
        if (args.Count > 0 && args[0] == "publish")
        {
            var output = args[args.ToList().IndexOf("-o") + 1];
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(output, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }
        }

        return new ProcessResult(0, "Build succeeded.", string.Empty);
    });
}
