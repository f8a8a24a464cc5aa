using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.Voicemails;

/// <summary>GET /voicemails/{id}/audio: only for signed-in users, and only what the recording source provides.</summary>
public sealed class VoicemailAudioTests : IDisposable
{
    private static readonly byte[] Audio = [0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0xFF, 0xFB, 0x90, 0x64];

    // Without REST credentials the console cannot fetch audio: these tests show what it does then.
    private readonly QdnAppFactory _app = new QdnAppFactory().WithoutRestCredentials();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Audio_Anonymous_401AndNoAudio()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        using var client = _app.Browserless();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Audio_SignedInWithoutRecordingSource_503ExplainsWhy()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        using var client = await _app.SignedInClientAsync();

        using var response = await client.GetAsync(AudioPath(voicemail.Id));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(UnconfiguredRecordingSource.Reason, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_UnknownVoicemail_404()
    {
        using var client = await _app.SignedInClientAsync();

        using var response = await client.GetAsync(AudioPath(987654));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Audio_SourceProvidesBytes_StreamedAsMpegWithRanges()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        using var withAudio = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IRecordingSource>(new BytesSource(Audio))));
        using var client = withAudio.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await client.PostSignInAsync(QdnAppFactory.OwnerEmail, QdnAppFactory.OwnerPassword);

        using var whole = await client.GetAsync(AudioPath(voicemail.Id));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, AudioPath(voicemail.Id)) { Headers = { Range = new RangeHeaderValue(10, 13) } };
        using var part = await client.SendAsync(ranged);
        var page = await client.GetStringAsync(new Uri("/voicemails", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/mpeg", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Audio, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 10-13/{Audio.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(Audio[10..14], await part.Content.ReadAsByteArrayAsync());
        Assert.Contains($"<audio controls preload=\"none\" src=\"/voicemails/{voicemail.Id}/audio\"", page, StringComparison.Ordinal);
    }

    private static Uri AudioPath(long id) => new($"/voicemails/{id}/audio", UriKind.Relative);

    private sealed class BytesSource(byte[] bytes) : IRecordingSource
    {
        public RecordingAvailability Check(Voicemail voicemail) => RecordingAvailability.Available;

        public Task<RecordingMedia?> OpenAsync(Voicemail voicemail, CancellationToken ct) =>
            Task.FromResult<RecordingMedia?>(new RecordingMedia(new MemoryStream(bytes)));
    }
}
