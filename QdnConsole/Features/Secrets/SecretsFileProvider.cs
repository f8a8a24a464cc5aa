using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace QdnConsole.Features.Secrets;

/// <summary>Adds the dotenv secrets file to configuration (see <see cref="SecretsFileRegistration"/>).</summary>
public sealed class SecretsFileSource(SecretsFileStatus status, TimeProvider clock) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretsFileProvider(status, clock);
}

/// <summary>
/// Reads the secrets file at start (a problem stops the app: better than running on half the credentials) and again
/// whenever it changes, so a rotated token is picked up without a restart (a broken edit keeps the previous values and
/// shows the error on /settings). A missing file is fine: the environment then holds everything.
/// </summary>
public sealed class SecretsFileProvider : ConfigurationProvider, IDisposable
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly SecretsFileStatus _status;
    private readonly TimeProvider _clock;
    private readonly PhysicalFileProvider? _folder;
    private readonly IDisposable? _watch;

    public SecretsFileProvider(SecretsFileStatus status, TimeProvider clock)
    {
        _status = status;
        _clock = clock;
        // Watched only when there is a file to rotate: a file created later is read at the next start.
        var directory = System.IO.Path.GetDirectoryName(status.Path);
        if (directory is not null && File.Exists(status.Path))
        {
            // ExclusionFilters.None: the default filters hide dot-files, and ".env" is a common name for this file.
            _folder = new PhysicalFileProvider(directory, ExclusionFilters.None);
            var name = System.IO.Path.GetFileName(status.Path);
            _watch = ChangeToken.OnChange(() => _folder.Watch(name), ReloadAfterChange);
        }
    }

    public override void Load()
    {
        var path = _status.Path;
        if (!File.Exists(path))
        {
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            _status.Set(SecretsFileState.NotRead);
            return;
        }

        EnsurePrivate(path);
        IReadOnlyList<KeyValuePair<string, string>> pairs;
        try
        {
            pairs = DotEnv.Parse(File.ReadAllText(path));
        }
        catch (DotEnvFormatException ex)
        {
            throw new SecretsFileException($"The secrets file {path} cannot be read: {ex.Message}.");
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            // Same convention as environment variables: Twilio__AuthToken is Twilio:AuthToken.
            data[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
        }

        Data = data;
        _status.Set(new SecretsFileState(true, [.. data.Keys.Order(StringComparer.OrdinalIgnoreCase)], _clock.GetUtcNow(), null));
    }

    /// <summary>On Unix, a secrets file others can read or write is refused, with the command that fixes it.</summary>
    public static void EnsurePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            var octal = Convert.ToString((int)mode & 0x1FF, 8);
            throw new SecretsFileException(
                $"The secrets file {path} can be read or written by other users (mode {octal}). Fix: chmod 600 {path}");
        }
    }

    private void ReloadAfterChange()
    {
        try
        {
            Load();
            OnReload();
        }
        catch (Exception ex) when (ex is SecretsFileException or IOException or UnauthorizedAccessException)
        {
            // Keep the values already loaded: a half-saved or mis-permissioned edit must not take the credentials away.
            var previous = _status.Current;
            _status.Set(previous with { Error = ex is SecretsFileException ? ex.Message : $"The secrets file {_status.Path} could not be read ({ex.GetType().Name})." });
        }
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _folder?.Dispose();
    }
}
