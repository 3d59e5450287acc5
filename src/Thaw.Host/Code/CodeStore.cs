using System.IO.Compression;
using System.Security.Cryptography;
using Thaw.Host.Api;

namespace Thaw.Host.Code;

/// <summary>
/// Deployment packages, content-addressed: <c>code/&lt;sha256&gt;.zip</c> as uploaded and <c>code/&lt;sha256&gt;/</c>
/// unpacked (mounted read-only at <c>/var/task</c>). Unpacking goes to a temporary directory first and is renamed
/// into place, so a failed upload never leaves a half-unpacked package that a later function could pick up.
/// </summary>
internal sealed class CodeStore
{
    /// <summary>Lambda's limit for a direct upload (50 MB zipped) is enforced by the request limit; this bounds the unpacked size.</summary>
    private const long MaxUnzippedBytes = 250L * 1024 * 1024;

    private readonly string _root;

    public CodeStore(string stateDirectory)
    {
        _root = Path.Combine(stateDirectory, "code");
        Directory.CreateDirectory(_root);
    }

    public sealed record StoredPackage(string Key, string Sha256Base64, long Size);

    public StoredPackage Store(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var hash = SHA256.HashData(zip);
        var key = Convert.ToHexStringLower(hash);
        var directory = Path.Combine(_root, key);
        if (!Directory.Exists(directory))
        {
            var temp = Path.Combine(_root, $".tmp-{key}-{Guid.NewGuid():N}");
            try
            {
                using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
                {
                    if (archive.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
                    {
                        throw LambdaApiException.InvalidParameter("Unzipped size must be smaller than 262144000 bytes");
                    }

                    archive.ExtractToDirectory(temp);
                    foreach (var entry in archive.Entries)
                    {
                        // Zips made on Unix carry the mode in the high 16 bits; a bootstrap must stay executable.
                        var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
                        var path = Path.GetFullPath(Path.Combine(temp, entry.FullName));
                        if (mode != 0 && File.Exists(path))
                        {
                            File.SetUnixFileMode(path, (UnixFileMode)mode | UnixFileMode.UserRead);
                        }
                    }
                }

                File.WriteAllBytes(Path.Combine(_root, key + ".zip"), zip);
                Directory.Move(temp, directory);
            }
            catch (InvalidDataException)
            {
                throw LambdaApiException.InvalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
            }
            catch (IOException) when (Directory.Exists(directory))
            {
                // Another upload of the same package won the rename; the content is identical.
            }
            finally
            {
                if (Directory.Exists(temp))
                {
                    Directory.Delete(temp, recursive: true);
                }
            }
        }

        return new StoredPackage(key, Convert.ToBase64String(hash), zip.LongLength);
    }

    public string DirectoryOf(string key) => Path.Combine(_root, key);

    public string ZipOf(string key) => Path.Combine(_root, key + ".zip");

    public bool HasBootstrap(string key) => File.Exists(Path.Combine(DirectoryOf(key), "bootstrap"));
}
