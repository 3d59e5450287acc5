namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
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
