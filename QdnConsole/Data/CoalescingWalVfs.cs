using System.Runtime.InteropServices;
using System.Text;
using static QdnConsole.Data.SqliteNative;

namespace QdnConsole.Data;

/// <summary>
/// Writes each SQLite transaction into the write-ahead log with one system call instead of two per page.
/// <para>
/// SQLite appends a transaction to the log frame by frame, each frame in two writes: its 24-byte header, then the
/// page. A batch of webhook writes commits ten to twenty pages, so the writer thread spent about a quarter of its time
/// in <c>pwrite</c>, entering the kernel some forty times per commit, each frame's two writes touching up to three
/// pages of the page cache (frames are not aligned to pages). This VFS is SQLite's own default VFS with one change: the files it opens
/// as write-ahead logs keep the frames of the transaction being written in memory, and write them out in one call
/// when the transaction's last frame arrives (bench/README, eleventh round).
/// </para>
/// <para>
/// Why nothing changes for readers, crashes and errors:
/// <list type="bullet">
/// <item>A frame is part of the database only once the log's index (shared memory) counts it, and SQLite updates
/// that index after writing the transaction's last frame: its commit frame, the one whose header holds the database
/// size. The write that ends a commit frame returns only after every buffered frame is in the file, so the index
/// never counts a frame that is not there, and a transaction is in the kernel (kill -9 safe) when COMMIT returns, as
/// before.</item>
/// <item>Any other operation on the log (a read, a sync, a truncate, a size, a file control, closing it) first
/// writes what is buffered, and so does any write that does not follow on from the buffered ones (SQLite rewriting a
/// frame in place).</item>
/// <item>When writing the buffered frames fails (a full disk), the write SQLite is making fails with that error, and
/// SQLite abandons the transaction as it does for any failed write to the log.</item>
/// </list>
/// The database file, its shared memory and every other file are the default VFS's own, untouched. The buffer is
/// per log file handle: only a connection that writes has one (up to <see cref="MaxBuffer"/>, then it is written out
/// early).
/// </para>
/// Registered as SQLite's default VFS, once per process, before the app opens its database (DataRegistration). Turn it
/// off with <c>Qdn:Sqlite:CoalesceLogWrites=false</c>.
/// </summary>
public static unsafe class CoalescingWalVfs
{
    public const string Name = "qdn-coalescing-wal";

    /// <summary>
    /// At most this much of a transaction is held in memory, a larger one written out in parts: the unix VFS writes at
    /// most 128 KiB − 1 bytes per call (os_unix.c masks the length to 17 bits). A batch of webhook writes fits.
    /// </summary>
    public const int MaxBuffer = (128 << 10) - 1;

    private const int InitialBuffer = 64 << 10;
    private const int OpenWal = 0x00080000; // SQLITE_OPEN_WAL
    private const int FrameHeaderSize = 24;

    private static readonly Lock Gate = new();
    private static Vfs* s_default;
    private static IoMethods* s_logMethods;

    /// <summary>True once registered in this process.</summary>
    private static bool IsRegistered { get; set; }

    /// <summary>Bytes in front of the default VFS's own file object in a log's file object.</summary>
    private static int HeaderSize => (sizeof(LogFile) + 15) & ~15;

    /// <summary>Makes this VFS SQLite's default (idempotent). Connections opened before keep the VFS they have.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (IsRegistered)
            {
                return;
            }

            SQLitePCL.Batteries_V2.Init();
            var inner = sqlite3_vfs_find(null);
            if (inner == null)
            {
                throw new InvalidOperationException("SQLite has no default VFS.");
            }

            var methods = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
            methods->iVersion = 3;
            methods->xClose = &Close;
            methods->xRead = &Read;
            methods->xWrite = &Write;
            methods->xTruncate = &Truncate;
            methods->xSync = &Sync;
            methods->xFileSize = &FileSize;
            methods->xLock = &LockFile;
            methods->xUnlock = &UnlockFile;
            methods->xCheckReservedLock = &CheckReservedLock;
            methods->xFileControl = &FileControl;
            methods->xSectorSize = &SectorSize;
            methods->xDeviceCharacteristics = &DeviceCharacteristics;
            methods->xShmMap = &ShmMap;
            methods->xShmLock = &ShmLock;
            methods->xShmBarrier = &ShmBarrier;
            methods->xShmUnmap = &ShmUnmap;
            methods->xFetch = &Fetch;
            methods->xUnfetch = &Unfetch;

            // Everything of the default VFS but its name, its file size and how it opens files. Never freed: SQLite
            // keeps a registered VFS for the life of the process.
            var vfs = (Vfs*)NativeMemory.AllocZeroed((nuint)sizeof(Vfs));
            *vfs = *inner;
            vfs->pNext = null;
            vfs->szOsFile = HeaderSize + inner->szOsFile;
            var name = Encoding.UTF8.GetBytes(Name + "\0");
            vfs->zName = (byte*)NativeMemory.Alloc((nuint)name.Length);
            name.CopyTo(new Span<byte>(vfs->zName, name.Length));
            vfs->xOpen = &Open;

            s_default = inner;
            s_logMethods = methods;
            var rc = sqlite3_vfs_register(vfs, 1);
            if (rc != Ok)
            {
                throw new InvalidOperationException($"SQLite refused the VFS (error {rc}).");
            }

            IsRegistered = true;
        }
    }

    /// <summary>
    /// Opens any file with the default VFS. A log's file object is ours, with the default VFS's object after it;
    /// every other file's object is the default VFS's alone (it starts at the same address and fits in the space).
    /// </summary>
    [UnmanagedCallersOnly]
    private static int Open(Vfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        if ((flags & OpenWal) == 0)
        {
            return s_default->xOpen(s_default, name, file, flags, outFlags);
        }

        var log = (LogFile*)file;
        *log = default;
        log->Inner = (SqliteFile*)((byte*)file + HeaderSize);
        log->Inner->pMethods = null;
        var rc = s_default->xOpen(s_default, name, log->Inner, flags, outFlags);
        // SQLite closes a file after a failed open only when its methods are set: mirror the inner file's.
        log->Base.pMethods = log->Inner->pMethods == null ? null : s_logMethods;
        return rc;
    }

    [UnmanagedCallersOnly]
    private static int Write(SqliteFile* file, void* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        // The write after a commit frame's header is that frame's page: the transaction's last.
        var endsCommit = log->CommitHeaderBuffered;
        if (log->Length > 0 && offset != log->Start + log->Length)
        {
            var flushed = Flush(log);
            if (flushed != Ok)
            {
                return flushed;
            }
        }

        if (log->Length + amount > log->Capacity && !Grow(log, log->Length + amount))
        {
            var flushed = Flush(log);
            if (flushed != Ok)
            {
                return flushed;
            }

            if (amount > log->Capacity)
            {
                return log->Inner->pMethods->xWrite(log->Inner, data, amount, offset);
            }
        }

        if (log->Length == 0)
        {
            log->Start = offset;
        }

        new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(log->Buffer + log->Length, amount));
        log->Length += amount;
        if (endsCommit)
        {
            return Flush(log);
        }

        // A frame header's bytes 4-7 hold the database's size in pages after the commit: zero except in a commit frame.
        var bytes = (byte*)data;
        log->CommitHeaderBuffered = amount == FrameHeaderSize && (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
        return Ok;
    }

    /// <summary>Enlarges the buffer to hold <paramref name="needed"/> bytes, keeping what it holds; false past the limit.</summary>
    private static bool Grow(LogFile* log, int needed)
    {
        if (needed > MaxBuffer)
        {
            return false;
        }

        var capacity = Math.Max(InitialBuffer, log->Capacity);
        while (capacity < needed)
        {
            capacity *= 2;
        }

        capacity = Math.Min(capacity, MaxBuffer);
        try
        {
            log->Buffer = (byte*)NativeMemory.Realloc(log->Buffer, (nuint)capacity);
        }
        catch (OutOfMemoryException)
        {
            return false; // nothing may throw back into SQLite: write what is buffered instead (the old buffer stays)
        }

        log->Capacity = capacity;
        return true;
    }

    /// <summary>Writes the buffered frames to the file in one call.</summary>
    private static int Flush(LogFile* log)
    {
        log->CommitHeaderBuffered = false;
        if (log->Length == 0)
        {
            return Ok;
        }

        var length = log->Length;
        log->Length = 0;
        return log->Inner->pMethods->xWrite(log->Inner, log->Buffer, length, log->Start);
    }

    [UnmanagedCallersOnly]
    private static int Close(SqliteFile* file)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        var rc = log->Inner->pMethods->xClose(log->Inner);
        NativeMemory.Free(log->Buffer);
        log->Buffer = null;
        log->Capacity = 0;
        return flushed != Ok ? flushed : rc;
    }

    [UnmanagedCallersOnly]
    private static int Read(SqliteFile* file, void* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != Ok ? flushed : log->Inner->pMethods->xRead(log->Inner, data, amount, offset);
    }

    [UnmanagedCallersOnly]
    private static int Truncate(SqliteFile* file, long size)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != Ok ? flushed : log->Inner->pMethods->xTruncate(log->Inner, size);
    }

    [UnmanagedCallersOnly]
    private static int Sync(SqliteFile* file, int flags)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != Ok ? flushed : log->Inner->pMethods->xSync(log->Inner, flags);
    }

    [UnmanagedCallersOnly]
    private static int FileSize(SqliteFile* file, long* size)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != Ok ? flushed : log->Inner->pMethods->xFileSize(log->Inner, size);
    }

    [UnmanagedCallersOnly]
    private static int FileControl(SqliteFile* file, int op, void* arg)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != Ok ? flushed : log->Inner->pMethods->xFileControl(log->Inner, op, arg);
    }

    // The rest go straight to the default VFS's file (SQLite does not call them on a log, but a file has them all).
    [UnmanagedCallersOnly]
    private static int LockFile(SqliteFile* file, int level) => Inner(file)->pMethods->xLock(Inner(file), level);

    [UnmanagedCallersOnly]
    private static int UnlockFile(SqliteFile* file, int level) => Inner(file)->pMethods->xUnlock(Inner(file), level);

    [UnmanagedCallersOnly]
    private static int CheckReservedLock(SqliteFile* file, int* result) => Inner(file)->pMethods->xCheckReservedLock(Inner(file), result);

    [UnmanagedCallersOnly]
    private static int SectorSize(SqliteFile* file) => Inner(file)->pMethods->xSectorSize(Inner(file));

    [UnmanagedCallersOnly]
    private static int DeviceCharacteristics(SqliteFile* file) => Inner(file)->pMethods->xDeviceCharacteristics(Inner(file));

    [UnmanagedCallersOnly]
    private static int ShmMap(SqliteFile* file, int region, int size, int extend, void** address) =>
        Inner(file)->pMethods->xShmMap(Inner(file), region, size, extend, address);

    [UnmanagedCallersOnly]
    private static int ShmLock(SqliteFile* file, int offset, int count, int flags) => Inner(file)->pMethods->xShmLock(Inner(file), offset, count, flags);

    [UnmanagedCallersOnly]
    private static void ShmBarrier(SqliteFile* file) => Inner(file)->pMethods->xShmBarrier(Inner(file));

    [UnmanagedCallersOnly]
    private static int ShmUnmap(SqliteFile* file, int delete) => Inner(file)->pMethods->xShmUnmap(Inner(file), delete);

    [UnmanagedCallersOnly]
    private static int Fetch(SqliteFile* file, long offset, int amount, void** pages) => Inner(file)->pMethods->xFetch(Inner(file), offset, amount, pages);

    [UnmanagedCallersOnly]
    private static int Unfetch(SqliteFile* file, long offset, void* page) => Inner(file)->pMethods->xUnfetch(Inner(file), offset, page);

    private static SqliteFile* Inner(SqliteFile* file) => ((LogFile*)file)->Inner;

    /// <summary>A log's file object: SQLite's file header (our methods), the default VFS's file, and the buffered frames.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LogFile
    {
        public SqliteFile Base;
        public SqliteFile* Inner;
        public byte* Buffer;
        public long Start;
        public int Length;
        public int Capacity;
        public bool CommitHeaderBuffered;
    }
}
