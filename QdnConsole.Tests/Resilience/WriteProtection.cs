using System.Diagnostics;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// Makes files and folders unwritable for this process, undone on dispose. Root ignores permissions (CI runs as
/// root), so as root this sets the immutable attribute (<c>chattr +i</c>: ext4, xfs, btrfs; needs CAP_LINUX_IMMUTABLE,
/// which a default Docker container lacks); otherwise it removes the write permission bits.
/// </summary>
public sealed class WriteProtection : IDisposable
{
    private readonly List<(string Path, UnixFileMode Mode)> _modes = [];
    private readonly string[] _paths;

    private WriteProtection(string[] paths)
    {
        _paths = paths;
        if (Environment.IsPrivilegedProcess)
        {
            try
            {
                Chattr("+i", paths);
            }
            catch (InvalidOperationException)
            {
                TryChattr("-i", paths);
                throw;
            }

            return;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException("Unix file modes only: Windows has neither chmod nor chattr.");
        }

        foreach (var path in paths)
        {
            var mode = File.GetUnixFileMode(path);
            _modes.Add((path, mode));
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
    }

    /// <summary>Why this machine cannot write-protect a file from this process, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    public static WriteProtection Apply(params string[] paths) => new(paths);

    public void Dispose()
    {
        if (Environment.IsPrivilegedProcess)
        {
            Chattr("-i", _paths);
        }

        foreach (var (path, mode) in _modes)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, mode);
            }
        }
    }

    private static void TryChattr(string flag, string[] paths)
    {
        try
        {
            Chattr(flag, paths);
        }
        catch (InvalidOperationException)
        {
            // Best effort: nothing was protected, or the caller reports the first failure.
        }
    }

    private static void Chattr(string flag, string[] paths)
    {
        var start = new ProcessStartInfo("chattr", [flag, .. paths]) { RedirectStandardError = true };
        using var chattr = Process.Start(start) ?? throw new InvalidOperationException("chattr did not start");
        var error = chattr.StandardError.ReadToEnd();
        chattr.WaitForExit();
        if (chattr.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} failed ({chattr.ExitCode}): {error.Trim()}");
        }
    }

    /// <summary>Protects a scratch folder and file, then checks that neither can be written.</summary>
    private static string? Probe()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "qdn-tests", "write-protection-" + Guid.NewGuid().ToString("N"))).FullName;
        var file = Path.Combine(folder, "probe");
        File.WriteAllText(file, "probe");
        try
        {
            using (Apply(file, folder))
            {
                return Writes(() => File.AppendAllText(file, "x")) || Writes(() => File.WriteAllText(Path.Combine(folder, "new"), "x"))
                    ? $"This process can still write a protected file in {folder} (running as root: {Environment.IsPrivilegedProcess}), so nothing makes the database read-only to the app."
                    : null;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return $"Cannot write-protect a file here ({ex.Message}); tests run as root, which ignores file permissions, and the immutable attribute is the only protection that holds for root.";
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Writes(Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs <see cref="WriteProtection"/>; skipped, with the reason, on a machine where it cannot work.</summary>
public sealed class WriteProtectionFactAttribute : FactAttribute
{
    public WriteProtectionFactAttribute()
    {
        if (WriteProtection.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
