using QdnConsole.Features.Recordings;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Recordings;

public sealed class RecordingCacheTests : IDisposable
{
    private const string A = "REaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "REbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string C = "REcccccccccccccccccccccccccccccccc";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("qdn-recordings-");
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private string Folder => Path.Combine(_root.FullName, "recordings");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Store_ThenOpen_SameBytesFromDisk()
    {
        var cache = new RecordingCache(Folder, 10_000, _clock);

        await using (var stored = await StoreAsync(cache, A, 300))
        {
            Assert.Equal(300, stored.Length);
        }

        await using var again = cache.TryOpen(A);
        Assert.NotNull(again);
        Assert.Equal(Bytes(300), await ReadAsync(again));
        Assert.Null(cache.TryOpen(B));
    }

    [Fact]
    public async Task Store_OverCap_LeastRecentlyPlayedEvicted()
    {
        var cache = new RecordingCache(Folder, 2_500, _clock);
        await (await StoreAsync(cache, A, 1_000)).DisposeAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await (await StoreAsync(cache, B, 1_000)).DisposeAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await cache.TryOpen(A)!.DisposeAsync(); // A played again: B is now the least recently used
        _clock.Advance(TimeSpan.FromMinutes(1));

        await (await StoreAsync(cache, C, 1_000)).DisposeAsync();

        Assert.True(File.Exists(Path.Combine(Folder, A + ".mp3")));
        Assert.False(File.Exists(Path.Combine(Folder, B + ".mp3")));
        Assert.True(File.Exists(Path.Combine(Folder, C + ".mp3")));
    }

    [Fact]
    public async Task Store_SingleRecordingBiggerThanCap_StillServed()
    {
        var cache = new RecordingCache(Folder, 100, _clock);

        await using var stored = await StoreAsync(cache, A, 1_000);

        Assert.Equal(Bytes(1_000), await ReadAsync(stored));
    }

    [Fact]
    public async Task Store_DownloadFails_NothingCachedNothingLeftBehind()
    {
        var cache = new RecordingCache(Folder, 10_000, _clock);

        await Assert.ThrowsAsync<HttpRequestException>(() => cache.StoreAsync(A, async (file, ct) =>
        {
            await file.WriteAsync(Bytes(10), ct);
            throw new HttpRequestException("connection reset");
        }, default));

        Assert.Null(cache.TryOpen(A));
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task Store_Folder_OnlyTheAppUserMayEnter()
    {
        var cache = new RecordingCache(Folder, 10_000, _clock);

        await (await StoreAsync(cache, A, 10)).DisposeAsync();

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Folder));
        }
    }

    private static Task<Stream> StoreAsync(RecordingCache cache, string sid, int length) =>
        cache.StoreAsync(sid, (file, ct) => file.WriteAsync(Bytes(length), ct).AsTask(), default);

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)i)];

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
