using System.IO.Compression;

namespace Thaw.Cli.Commands.Deploy;

/// <summary>
/// Zips a directory the way Lambda expects: paths relative to the root with '/', Unix modes in the external attributes
/// (so <c>bootstrap</c> stays executable when the host unpacks it), a fixed timestamp so that the same files give the
/// same CodeSha256 (PublishVersion then sees "no change").
/// </summary>
internal static class ZipPackage
{
    public const string BootstrapFileName = "bootstrap";

    internal const int UnixRegularFile = 0x8000; // S_IFREG
    internal const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private static readonly DateTimeOffset FixedTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] CreateFromDirectory(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, name) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTimestamp;
                entry.ExternalAttributes = (UnixFileModeBits(path, name) | UnixRegularFile) << 16;
                using var source = File.OpenRead(path);
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The file's mode; the root <c>bootstrap</c> is always executable (it is what Lambda runs).</summary>
    private static int UnixFileModeBits(string path, string name)
    {
        var mode = OperatingSystem.IsWindows()
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
            : File.GetUnixFileMode(path);
        if (name == BootstrapFileName)
        {
            mode |= Executable | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return (int)mode;
    }

    /// <summary>The entry names of a zip, or an error when it is not one.</summary>
    public static IReadOnlyList<string> ListEntries(byte[] zip, string source)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            return archive.Entries.Select(e => e.FullName).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new Common.CliException($"{source} is not a valid zip file: {e.Message}");
        }
    }
}
