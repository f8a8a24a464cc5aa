using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace QdnConsole.Data;

/// <summary>
/// One statement prepared once on an open connection's SQLite handle and run many times, its parameters bound by
/// position straight into SQLite: no parameter objects, no lookup by name, no data reader per execution. For the one
/// thread at a time that owns the connection (the call writer, a webhook reading a call). Values are stored and read
/// exactly as Microsoft.Data.Sqlite does for EF: text as UTF-8, times as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, booleans
/// as 0/1; errors surface as <see cref="SqliteException"/> with SQLite's codes, as from a command.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private const int Done = 101; // SQLITE_DONE
    private const int Row = 100; // SQLITE_ROW
    private const int Null = 5; // SQLITE_NULL
    private const uint Persistent = 1; // SQLITE_PREPARE_PERSISTENT
    private const int MaxTimeLength = 27; // yyyy-MM-dd HH:mm:ss.FFFFFFF

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _positions;
    private byte[] _utf8 = new byte[256];

    /// <summary>Prepares <paramref name="sql"/>; <paramref name="parameters"/> names its parameters (without '@') in the order the Bind calls number them.</summary>
    public SqliteStatement(SqliteConnection connection, string sql, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, sql, Persistent, out _statement));
        _positions = new int[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            _positions[i] = raw.sqlite3_bind_parameter_index(_statement, "@" + parameters[i]);
            if (_positions[i] == 0)
            {
                _statement.Dispose();
                throw new ArgumentException($"The statement has no parameter @{parameters[i]}: {sql}", nameof(parameters));
            }
        }
    }

    public void Bind(int parameter, long value) => Check(raw.sqlite3_bind_int64(_statement, _positions[parameter], value));

    public void Bind(int parameter, long? value)
    {
        if (value is { } v)
        {
            Bind(parameter, v);
        }
        else
        {
            BindNull(parameter);
        }
    }

    public void Bind(int parameter, bool value) => Bind(parameter, value ? 1L : 0L);

    public void Bind(int parameter, string? value)
    {
        if (value is null)
        {
            BindNull(parameter);
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, _positions[parameter], _utf8.AsSpan(0, written)));
    }

    /// <summary>A time as Microsoft.Data.Sqlite writes a <see cref="DateTime"/> (EF reads it back the same).</summary>
    public void Bind(int parameter, DateTime? value)
    {
        if (value is not { } time)
        {
            BindNull(parameter);
            return;
        }

        Span<byte> text = stackalloc byte[MaxTimeLength];
        Check(raw.sqlite3_bind_text(_statement, _positions[parameter], text[..FormatTime(time, text)]));
    }

    public void BindNull(int parameter) => Check(raw.sqlite3_bind_null(_statement, _positions[parameter]));

    /// <summary>Runs the statement to its end.</summary>
    public void Execute()
    {
        try
        {
            Finish(raw.sqlite3_step(_statement));
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// Runs an INSERT to its end and returns the rowid SQLite gave the row (its INTEGER PRIMARY KEY): cheaper than
    /// RETURNING, which makes SQLite keep the returned rows aside. The connection's last insert, so the connection must
    /// be this thread's alone, as the writer's is.
    /// </summary>
    public long Insert()
    {
        Execute();
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Runs the statement and returns the first column of its first row as an integer (null: no row, or NULL).</summary>
    public long? ExecuteScalar()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != Row)
            {
                Check(rc, Done);
                return null;
            }

            long? value = raw.sqlite3_column_type(_statement, 0) == Null ? null : raw.sqlite3_column_int64(_statement, 0);
            Finish(raw.sqlite3_step(_statement));
            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement and returns the first column of every row as an integer (NULL as 0).</summary>
    public List<long> ExecuteNumbers()
    {
        var numbers = new List<long>();
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == Row)
            {
                numbers.Add(raw.sqlite3_column_int64(_statement, 0));
            }

            Check(rc, Done);
            return numbers;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// Runs the statement and hands its first row to <paramref name="map"/>, which reads the row's columns
    /// (<see cref="IsNull"/>, <see cref="Number"/>, <see cref="Text"/>, <see cref="Time"/>); null when there is no row.
    /// </summary>
    public T? QueryFirst<T>(Func<SqliteStatement, T> map)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(map);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != Row)
            {
                Check(rc, Done);
                return null;
            }

            return map(this);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == Null;

    public long Number(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    /// <summary>A time as Microsoft.Data.Sqlite reads a <see cref="DateTime"/> stored as text, marked UTC.</summary>
    public DateTime Time(int column)
    {
        var text = raw.sqlite3_column_blob(_statement, column);
        var time = TryParseTime(text, out var parsed) ? parsed : DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);
        return DateTime.SpecifyKind(time, DateTimeKind.Utc);
    }

    /// <summary>
    /// Writes <paramref name="time"/> as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction without trailing zeros, and
    /// without its point when zero), exactly as <see cref="DateTime.ToString(string)"/> with that format would;
    /// returns the bytes written. Done by hand: the custom-format machinery costs more than the rest of a bind.
    /// </summary>
    internal static int FormatTime(DateTime time, Span<byte> text)
    {
        Digits(text[..4], time.Year);
        text[4] = (byte)'-';
        Digits(text[5..7], time.Month);
        text[7] = (byte)'-';
        Digits(text[8..10], time.Day);
        text[10] = (byte)' ';
        Digits(text[11..13], time.Hour);
        text[13] = (byte)':';
        Digits(text[14..16], time.Minute);
        text[16] = (byte)':';
        Digits(text[17..19], time.Second);
        var fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }

        text[19] = (byte)'.';
        Digits(text[20..27], fraction);
        var length = 27;
        while (text[length - 1] == '0')
        {
            length--;
        }

        return length;
    }

    /// <summary>Reads what <see cref="FormatTime"/> writes; false for any other text (then the general parser reads it).</summary>
    internal static bool TryParseTime(ReadOnlySpan<byte> text, out DateTime time)
    {
        time = default;
        if (text.Length is not (19 or (>= 21 and <= MaxTimeLength))
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day)
            || !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute) || !TryDigits(text[17..19], out var second))
        {
            return false;
        }

        var fraction = 0;
        if (text.Length > 19)
        {
            if (text[19] != '.' || !TryDigits(text[20..], out fraction))
            {
                return false;
            }

            for (var digits = text.Length - 20; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        return true;
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Steps past any further rows; the statement must then end without error.</summary>
    private void Finish(int rc)
    {
        while (rc == Row)
        {
            rc = raw.sqlite3_step(_statement);
        }

        Check(rc, Done);
    }

    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private void Check(int rc, int expected = 0) // SQLITE_OK
    {
        if (rc != expected)
        {
            throw new SqliteException(
                $"SQLite Error {rc & 0xFF}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc & 0xFF, raw.sqlite3_extended_errcode(_db));
        }
    }
}
