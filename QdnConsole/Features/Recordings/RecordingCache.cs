namespace QdnConsole.Features.Recordings;

/// <summary>
/// Recordings fetched from Twilio, kept on disk (a private folder beside the database) so replaying a message neither
/// waits for Twilio nor costs a download. Bounded: past the size cap the least recently played files go first.
/// </summary>
public sealed class RecordingCache(string folder, long capacityBytes, TimeProvider clock)
{
    private const string Extension = ".mp3";
    private const string Partial = ".partial";
    private readonly Lock _evicting = new();

    public string Folder => folder;

    public long CapacityBytes => capacityBytes;

    /// <summary>The cached recording, marked as just used; null when it is not cached.</summary>
    public Stream? TryOpen(string recordingSid)
    {
        var path = PathOf(recordingSid);
        try
        {
            var stream = OpenRead(path);
            File.SetLastAccessTimeUtc(path, clock.GetUtcNow().UtcDateTime);
            return stream;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the recording through <paramref name="write"/> (to a temporary file, moved in place only when complete, so a
    /// failed download never leaves half a recording), evicts what no longer fits, and opens it for reading.
    /// </summary>
    public async Task<Stream> StoreAsync(string recordingSid, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        CreateFolder();
        var path = PathOf(recordingSid);
        var temporary = $"{path}.{Guid.NewGuid():N}{Partial}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(file, ct);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var stream = OpenRead(path);
        File.SetLastAccessTimeUtc(path, clock.GetUtcNow().UtcDateTime);
        Evict(keep: path);
        return stream;
    }

    /// <summary>Deletes least recently used recordings until the rest fit in the cap (the one just stored always stays).</summary>
    private void Evict(string keep)
    {
        lock (_evicting)
        {
            var files = new DirectoryInfo(folder).GetFiles("*" + Extension).OrderBy(f => f.LastAccessTimeUtc).ToList();
            var total = files.Sum(f => f.Length);
            foreach (var file in files)
            {
                if (total <= capacityBytes)
                {
                    break;
                }

                if (file.FullName != keep)
                {
                    total -= file.Length;
                    // Unix lets a file being played be deleted: the player keeps reading its open handle.
                    file.Delete();
                }
            }

            // Left by a download interrupted by a crash.
            var stale = clock.GetUtcNow().UtcDateTime.AddHours(-1);
            foreach (var partial in new DirectoryInfo(folder).GetFiles("*" + Partial).Where(f => f.LastWriteTimeUtc < stale))
            {
                partial.Delete();
            }
        }
    }

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Callers' voices: readable by the app's user only.
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string PathOf(string recordingSid) => Path.Combine(folder, recordingSid + Extension);

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
}
