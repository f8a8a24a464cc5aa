using QdnConsole.Features.Twilio;

namespace QdnConsole.Tests.Features.Twilio;

/// <summary>The local token is made once, kept private beside the database, and read back by later starts.</summary>
public sealed class LocalSigningTokenTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "qdn-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Value_FirstUse_WritesARandomTokenReadableOnlyByTheOwner()
    {
        var token = new LocalSigningToken(_directory);

        var value = token.Value;

        Assert.Equal(64, value.Length);
        Assert.Equal(value, File.ReadAllText(Path.Combine(_directory, LocalSigningToken.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(token.FilePath!));
        }
    }

    [Fact]
    public void Value_LaterStart_ReadsTheSameToken()
    {
        var first = new LocalSigningToken(_directory).Value;

        var again = new LocalSigningToken(_directory).Value;

        Assert.Equal(first, again);
    }

    [Fact]
    public void Value_BlankFileLeftBehind_IsReplacedWithANewToken()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, LocalSigningToken.FileName), string.Empty);

        var value = new LocalSigningToken(_directory).Value;

        Assert.Equal(64, value.Length);
        Assert.Equal(value, File.ReadAllText(Path.Combine(_directory, LocalSigningToken.FileName)));
    }

    [Fact]
    public void Value_NoDirectory_KeepsAFreshTokenInMemory()
    {
        var one = new LocalSigningToken(null);
        var other = new LocalSigningToken(null);

        Assert.Null(one.FilePath);
        Assert.NotEqual(one.Value, other.Value);
    }
}
