using System.Security.Cryptography;

namespace QdnConsole.Features.Twilio;

/// <summary>
/// Signs simulated test calls when no Twilio Auth Token is configured (a fresh install, a developer machine). Random,
/// made on first use and kept in a file readable only by the app's user beside the database, so a later start, or the
/// <c>simulate</c> command run against this instance, signs with the same token. Never accepted for real calls.
/// </summary>
public sealed class LocalSigningToken
{
    public const string FileName = "simulator-signing-token";

    /// <summary>The form field (value "true") that marks a simulated test call.</summary>
    public const string TestCallField = "QdnTest";

    private readonly Lazy<string> _value;

    /// <param name="directory">Folder of the token file; null keeps the token in memory for this process only.</param>
    public LocalSigningToken(string? directory)
    {
        FilePath = directory is null ? null : Path.Combine(directory, FileName);
        _value = new Lazy<string>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string? FilePath { get; }

    public string Value => _value.Value;

    private string Load()
    {
        if (FilePath is null)
        {
            return NewToken();
        }

        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(FilePath))
            {
                if (File.ReadAllText(FilePath).Trim() is { Length: > 0 } stored)
                {
                    return stored;
                }

                // Blank: another process is writing it this instant, or a crash left it empty. Wait briefly, then replace it.
                if (attempt < 3)
                {
                    Thread.Sleep(50);
                    continue;
                }

                File.Delete(FilePath);
            }

            try
            {
                return Create(FilePath);
            }
            catch (IOException) when (File.Exists(FilePath) && attempt < 6)
            {
                // Another process (the app, or the simulate command) created it first: read theirs.
            }
        }
    }

    private static string Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var token = NewToken();

        // CreateNew with the mode set at creation: the file is never readable by others, not even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(token);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The process umask can only remove bits; set the mode explicitly anyway.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return token;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
