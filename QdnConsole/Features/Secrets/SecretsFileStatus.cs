namespace QdnConsole.Features.Secrets;

/// <summary>
/// What became of the secrets file, for /settings: its path, whether it was found, which keys it set (names only), and
/// the last reload error. Written by the configuration provider (start and every change of the file), read by the page.
/// </summary>
public sealed class SecretsFileStatus(string path)
{
    private SecretsFileState _state = SecretsFileState.NotRead;

    public string Path => path;

    public SecretsFileState Current => Volatile.Read(ref _state);

    internal void Set(SecretsFileState state) => Volatile.Write(ref _state, state);
}

/// <param name="Found">The file existed when last read.</param>
/// <param name="Keys">Configuration keys the file set (names, never values).</param>
/// <param name="ReadAtUtc">When it was last read successfully.</param>
/// <param name="Error">Why the last reload failed; the values read before stay in use.</param>
public sealed record SecretsFileState(bool Found, IReadOnlyList<string> Keys, DateTimeOffset? ReadAtUtc, string? Error)
{
    public static SecretsFileState NotRead { get; } = new(false, [], null, null);
}

/// <summary>The secrets file cannot be used: unsafe permissions or a malformed line. Never carries a secret value.</summary>
public sealed class SecretsFileException(string message) : Exception(message);
