using System.Runtime.InteropServices;

namespace QdnConsole.Data;

/// <summary>
/// SQLite's C structures (sqlite3.h, version 3 of each) and the few C functions the app calls directly: its own VFS
/// (<see cref="CoalescingWalVfs"/>) and syncing a connection's files (<see cref="SqliteFileSync"/>).
/// </summary>
internal static unsafe partial class SqliteNative
{
    public const int Ok = 0;

    /// <summary>SQLITE_FCNTL_FILE_POINTER: the connection's database file object.</summary>
    public const int FileControlFilePointer = 7;

    /// <summary>SQLITE_FCNTL_JOURNAL_POINTER: the connection's rollback journal or write-ahead log file object.</summary>
    public const int FileControlJournalPointer = 28;

    /// <summary>SQLITE_SYNC_NORMAL: what a sync at synchronous=NORMAL asks for.</summary>
    public const int SyncNormal = 2;

    [LibraryImport("e_sqlite3")]
    public static partial Vfs* sqlite3_vfs_find(byte* name);

    [LibraryImport("e_sqlite3")]
    public static partial int sqlite3_vfs_register(Vfs* vfs, int makeDefault);

    [LibraryImport("e_sqlite3")]
    public static partial int sqlite3_file_control(nint db, byte* name, int op, void* arg);

    [StructLayout(LayoutKind.Sequential)]
    internal struct Vfs
    {
        public int iVersion;
        public int szOsFile;
        public int mxPathname;
        public Vfs* pNext;
        public byte* zName;
        public void* pAppData;
        public delegate* unmanaged<Vfs*, byte*, SqliteFile*, int, int*, int> xOpen;
        public void* xDelete;
        public void* xAccess;
        public void* xFullPathname;
        public void* xDlOpen;
        public void* xDlError;
        public void* xDlSym;
        public void* xDlClose;
        public void* xRandomness;
        public void* xSleep;
        public void* xCurrentTime;
        public void* xGetLastError;
        public void* xCurrentTimeInt64;
        public void* xSetSystemCall;
        public void* xGetSystemCall;
        public void* xNextSystemCall;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SqliteFile
    {
        public IoMethods* pMethods;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoMethods
    {
        public int iVersion;
        public delegate* unmanaged<SqliteFile*, int> xClose;
        public delegate* unmanaged<SqliteFile*, void*, int, long, int> xRead;
        public delegate* unmanaged<SqliteFile*, void*, int, long, int> xWrite;
        public delegate* unmanaged<SqliteFile*, long, int> xTruncate;
        public delegate* unmanaged<SqliteFile*, int, int> xSync;
        public delegate* unmanaged<SqliteFile*, long*, int> xFileSize;
        public delegate* unmanaged<SqliteFile*, int, int> xLock;
        public delegate* unmanaged<SqliteFile*, int, int> xUnlock;
        public delegate* unmanaged<SqliteFile*, int*, int> xCheckReservedLock;
        public delegate* unmanaged<SqliteFile*, int, void*, int> xFileControl;
        public delegate* unmanaged<SqliteFile*, int> xSectorSize;
        public delegate* unmanaged<SqliteFile*, int> xDeviceCharacteristics;
        public delegate* unmanaged<SqliteFile*, int, int, int, void**, int> xShmMap;
        public delegate* unmanaged<SqliteFile*, int, int, int, int> xShmLock;
        public delegate* unmanaged<SqliteFile*, void> xShmBarrier;
        public delegate* unmanaged<SqliteFile*, int, int> xShmUnmap;
        public delegate* unmanaged<SqliteFile*, long, int, void**, int> xFetch;
        public delegate* unmanaged<SqliteFile*, long, void*, int> xUnfetch;
    }
}
