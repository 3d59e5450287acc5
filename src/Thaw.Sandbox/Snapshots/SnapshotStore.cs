using System.Security.Cryptography;
using System.Text.Json;

namespace Thaw.Sandbox.Snapshots;

/// <summary>Writes, reads and verifies snapshot directories (images + <c>manifest.json</c>, mode 0700/0600).</summary>
internal static class SnapshotStore
{
    public const string ManifestName = "manifest.json";

    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string CreateTempSibling(string directory)
    {
        var parent = Path.GetDirectoryName(directory) ?? throw new ArgumentException("The snapshot directory needs a parent.", nameof(directory));
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(directory)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.CreateDirectory(temp, DirectoryMode);
        return temp;
    }

    /// <summary>Hashes every image, restricts permissions and writes the manifest last.</summary>
    public static async Task<SnapshotManifest> SealAsync(string temp, Func<IReadOnlyList<SnapshotFile>, SnapshotManifest> build, CancellationToken cancellationToken)
    {
        var names = Directory.EnumerateFiles(temp).Select(Path.GetFileName).OfType<string>().Where(n => n != ManifestName).ToArray();
        foreach (var n in names)
        {
            File.SetUnixFileMode(Path.Combine(temp, n), PrivateFileMode);
        }

        var files = await HashAllAsync(temp, names, cancellationToken).ConfigureAwait(false);
        var manifest = build([.. files.OrderBy(f => f.Name, StringComparer.Ordinal)]);
        var path = Path.Combine(temp, ManifestName);
        await using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode }))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ManifestJsonContext.Default.SnapshotManifest, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.SetUnixFileMode(temp, DirectoryMode);
        return manifest;
    }

    public static SnapshotManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        try
        {
            var bytes = File.ReadAllBytes(path);
            var m = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.SnapshotManifest)
                ?? throw new SnapshotCorruptException($"{path} is empty.");
            if (m.Format != SnapshotManifest.CurrentFormat)
            {
                throw new SnapshotCorruptException($"{path} has format {m.Format}; this Thaw reads format {SnapshotManifest.CurrentFormat}.");
            }

            if (m.Files.Count == 0 || m.Files.Any(f => f.Name.Contains('/', StringComparison.Ordinal) || f.Name is "." or ".." or ManifestName))
            {
                throw new SnapshotCorruptException($"{path} lists no image files or an invalid file name.");
            }

            return m;
        }
        catch (FileNotFoundException e)
        {
            throw new SnapshotCorruptException($"The snapshot {directory} has no {ManifestName}.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SnapshotCorruptException($"The snapshot directory {directory} does not exist.", e);
        }
        catch (JsonException e)
        {
            throw new SnapshotCorruptException($"{path} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks that the directory holds exactly the manifest's files with their sizes and hashes. Sizes first (cheap),
    /// then hashes in parallel, largest files first so the longest hash starts early.
    /// </summary>
    public static async Task VerifyAsync(string directory, SnapshotManifest manifest, CancellationToken cancellationToken)
    {
        var expected = manifest.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Where(n => n != ManifestName).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Keys.Where(n => !present.Contains(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new SnapshotCorruptException($"The snapshot {directory} is missing {string.Join(", ", missing)}.");
        }

        var extra = present.Where(n => !expected.ContainsKey(n)).ToArray();
        if (extra.Length > 0)
        {
            throw new SnapshotCorruptException($"The snapshot {directory} has files its manifest does not list: {string.Join(", ", extra)}.");
        }

        foreach (var f in manifest.Files)
        {
            var size = new FileInfo(Path.Combine(directory, f.Name)).Length;
            if (size != f.Size)
            {
                throw new SnapshotCorruptException($"The snapshot file {f.Name} has {size} bytes; its manifest says {f.Size}.");
            }
        }

        var actual = await HashAllAsync(directory, [.. manifest.Files.OrderByDescending(f => f.Size).Select(f => f.Name)], cancellationToken).ConfigureAwait(false);
        foreach (var a in actual)
        {
            if (!string.Equals(a.Sha256, expected[a.Name].Sha256, StringComparison.Ordinal))
            {
                throw new SnapshotCorruptException($"The snapshot file {a.Name} does not match its sha256 in the manifest.");
            }
        }
    }

    private static async Task<SnapshotFile[]> HashAllAsync(string directory, string[] names, CancellationToken cancellationToken)
    {
        var results = new SnapshotFile[names.Length];
        await Parallel.ForAsync(0, names.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
        {
            var path = Path.Combine(directory, names[i]);
            await using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.SequentialScan, BufferSize = 0 });
            var hash = await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
            results[i] = new SnapshotFile(names[i], stream.Length, Convert.ToHexStringLower(hash));
        }).ConfigureAwait(false);
        return results;
    }
}
