using System.Globalization;

namespace QdnConsole.Tests.Infrastructure;

/// <summary>Twilio resources as its REST API returns them, and a playable MP3, for <see cref="FakeTwilioApi"/>.</summary>
public static class TwilioFixtures
{
    /// <summary>A call resource (Calls/{Sid}.json).</summary>
    public static object Call(string sid, string status, int? duration = null, DateTimeOffset? start = null, DateTimeOffset? end = null) => new
    {
        sid,
        account_sid = QdnAppFactory.AccountSid,
        status,
        from = TwilioWebhookClient.Caller,
        to = TwilioWebhookClient.LineNumber,
        direction = "inbound",
        parent_call_sid = (string?)null,
        start_time = start is { } s ? Rfc2822(s) : null,
        end_time = end is { } e ? Rfc2822(e) : null,
        duration = duration?.ToString(CultureInfo.InvariantCulture),
        uri = $"{FakeTwilioApi.AccountPath}/Calls/{sid}.json",
    };

    public static object Recording(string sid, string status = "completed", int duration = 42) => new
    {
        sid,
        account_sid = QdnAppFactory.AccountSid,
        call_sid = "CA" + new string('0', 32),
        status,
        duration = duration.ToString(CultureInfo.InvariantCulture),
        date_created = Rfc2822(DateTimeOffset.UtcNow),
    };

    public static object IncomingNumber(string sid, string phoneNumber, string? voiceUrl, string? fallbackUrl, string? statusCallback, string method = "POST") => new
    {
        sid,
        account_sid = QdnAppFactory.AccountSid,
        phone_number = phoneNumber,
        friendly_name = phoneNumber,
        voice_url = voiceUrl,
        voice_method = method,
        voice_fallback_url = fallbackUrl,
        voice_fallback_method = method,
        status_callback = statusCallback,
        status_callback_method = method,
    };

    /// <summary>"Fri, 20 Aug 2010 01:13:42 +0000", Twilio's date format.</summary>
    public static string Rfc2822(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A real, decodable MP3: <paramref name="frames"/> MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) whose side
    /// information is all zeros, i.e. silence (about 26 ms per frame).
    /// </summary>
    public static byte[] SilentMp3(int frames = 40)
    {
        const int frameLength = 144 * 128_000 / 44_100; // 417 bytes, no padding
        var bytes = new byte[frames * frameLength];
        for (var i = 0; i < frames; i++)
        {
            bytes[i * frameLength] = 0xFF;
            bytes[(i * frameLength) + 1] = 0xFB; // MPEG-1, Layer III, no CRC
            bytes[(i * frameLength) + 2] = 0x90; // 128 kbit/s, 44.1 kHz, no padding
            bytes[(i * frameLength) + 3] = 0xC4; // mono, original
        }

        return bytes;
    }

    /// <summary>Points the app's REST client at <paramref name="api"/>, with the fake API key unless told otherwise.</summary>
    public static QdnAppFactory UseFakeTwilio(this QdnAppFactory app, FakeTwilioApi api, bool withApiKey = true)
    {
        app.With("Twilio:ApiBaseUrl", api.BaseUrl).With("Twilio:Rest:RetryDelay", "00:00:00.010");
        return withApiKey
            ? app.With("TWILIO_API_KEY", FakeTwilioApi.ApiKey).With("TWILIO_API_SECRET", FakeTwilioApi.ApiSecret)
            : app.With("TWILIO_API_KEY", "").With("TWILIO_API_SECRET", "").With("Twilio:ApiKey", "").With("Twilio:ApiSecret", "");
    }
}
