using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace QdnConsole.Features.Secrets;

/// <summary>
/// Judges a changed secrets file before it replaces the values in use (previous, next): the problems, or none.
/// </summary>
public delegate IReadOnlyList<string> SecretsReloadCheck(IReadOnlyDictionary<string, string?> previous, IReadOnlyDictionary<string, string?> next);

/// <summary>Adds the dotenv secrets file to configuration (see <see cref="SecretsFileRegistration"/>).</summary>
public sealed class SecretsFileSource(SecretsFileStatus status, TimeProvider clock, SecretsReloadCheck? reloadCheck = null) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SecretsFileProvider(status, clock, reloadCheck);
}

/// <summary>
/// Reads the secrets file at start (a problem stops the app: better than running on half the credentials) and again
/// whenever it changes, so a rotated token is picked up without a restart. A change that cannot be used (unsafe mode,
/// malformed line, a credential that fails the start-up checks, the file gone) is not applied: the values in use stay,
/// and /settings shows why, so a typo during a rotation never takes the webhooks down. A missing file at start is fine:
/// the environment then holds everything.
/// </summary>
public sealed class SecretsFileProvider : ConfigurationProvider, IDisposable
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly SecretsFileStatus _status;
    private readonly TimeProvider _clock;
    private readonly SecretsReloadCheck? _reloadCheck;
    private readonly PhysicalFileProvider? _folder;
    private readonly IDisposable? _watch;
    private readonly Lock _loading = new();
    private bool _loaded;

    public SecretsFileProvider(SecretsFileStatus status, TimeProvider clock, SecretsReloadCheck? reloadCheck = null)
    {
        _status = status;
        _clock = clock;
        _reloadCheck = reloadCheck;
        // Watched only when there is a file to rotate: a file created later is read at the next start.
        var directory = System.IO.Path.GetDirectoryName(status.Path);
        if (directory is not null && File.Exists(status.Path))
        {
            // ExclusionFilters.None: the default filters hide dot-files, and ".env" is a common name for this file.
            _folder = new PhysicalFileProvider(directory, ExclusionFilters.None);
            var name = System.IO.Path.GetFileName(status.Path);
            _watch = ChangeToken.OnChange(() => _folder.Watch(name), () =>
            {
                Load();
                OnReload();
            });
        }
    }

    public override void Load()
    {
        // One read at a time: a watcher event and an explicit reload racing must not let an older read land last.
        lock (_loading)
        {
            LoadLocked();
        }
    }

    private void LoadLocked()
    {
        if (!_loaded)
        {
            // At start: throw, and the app does not start.
            var (data, found) = Read();
            Apply(data, found);
            _loaded = true;
            return;
        }

        try
        {
            var (data, found) = Read();
            if (!found)
            {
                throw new SecretsFileException($"The secrets file {_status.Path} is gone; the values read before stay in use until the next start.");
            }

            if (_reloadCheck?.Invoke(Data.AsReadOnly(), data.AsReadOnly()) is { Count: > 0 } problems)
            {
                throw new SecretsFileException($"The change to {_status.Path} was not applied: {string.Join(" ", problems)}");
            }

            Apply(data, found);
        }
        catch (Exception ex) when (ex is SecretsFileException or IOException or UnauthorizedAccessException)
        {
            var message = ex is SecretsFileException ? ex.Message : $"The secrets file {_status.Path} could not be read ({ex.GetType().Name}).";
            _status.Set(_status.Current with { Error = message });
        }
    }

    private (Dictionary<string, string?> Data, bool Found) Read()
    {
        var path = _status.Path;
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return (data, false);
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

        foreach (var (key, value) in pairs)
        {
            // Same convention as environment variables: Twilio__AuthToken is Twilio:AuthToken.
            data[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
        }

        return (data, true);
    }

    private void Apply(Dictionary<string, string?> data, bool found)
    {
        Data = data;
        _status.Set(found
            ? new SecretsFileState(true, [.. data.Keys.Order(StringComparer.OrdinalIgnoreCase)], _clock.GetUtcNow(), null)
            : SecretsFileState.NotRead);
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

    public void Dispose()
    {
        _watch?.Dispose();
        _folder?.Dispose();
    }
}
