using QdnConsole.Tests.Infrastructure;
using static QdnConsole.Tests.Features.Voice.VoiceTestHelpers;
using static QdnConsole.Tests.Resilience.CallSteps;

namespace QdnConsole.Tests.Resilience;

/// <summary>
/// The app restarts between two steps of a call: the next instance continues it from the URL and the database
/// alone, since nothing of the call is held only in memory.
/// </summary>
public sealed class RestartMidCascadeTests : IDisposable
{
    private readonly string _directory = QdnAppFactory.NewDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DialAction_AnsweredByANewInstance_ContinuesTheSameCallToBackupThenVoicemail()
    {
        var sid = NewCallSid();
        TwiMLReply ringing;
        await using (var before = QdnAppFactory.On(_directory))
        {
            ringing = await before.Twilio().PostAsync(InboundCall, Inbound(sid));
        }

        await using var after = QdnAppFactory.On(_directory);
        var twilio = after.Twilio();
        var backup = await twilio.PostAsync(ringing.DialAction!, NoAnswer(sid));
        var greeting = await twilio.PostAsync(backup.DialAction!, NoAnswer(sid));
        var thanks = await twilio.PostAsync(greeting.RecordAction!, Recording(sid));

        Assert.Equal((Sergio, "/twilio/dial-result?line=qdn&step=0"), (ringing.DialedNumber, ringing.DialAction));
        Assert.Equal((200, Backup, "/twilio/dial-result?line=qdn&step=1"), (backup.Status, backup.DialedNumber, backup.DialAction));
        Assert.Equal("/twilio/voicemail?line=qdn&reason=NoAnswer", greeting.RecordAction);
        Assert.Contains("Nobody could take your call", greeting.Greeting, StringComparison.Ordinal);
        Assert.Equal(["Say", "Hangup"], thanks.Verbs);
        var call = StoreFile.Calls(after.DatabasePath)[sid];
        Assert.Empty(call.Problems());
        Assert.Equal(["CallReceived", "Ringing", "DialEnded", "Ringing", "DialEnded", "VoicemailGreeting", "VoicemailRecorded"], call.Kinds);
        Assert.Equal(["Sergio", "Backup"], call.Events.Where(e => e.Kind == "Ringing").Select(e => e.PersonName));
        Assert.Equal("Voicemail", call.Disposition);
    }
}
