using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QdnConsole.Data;

namespace QdnConsole.Features.Voicemails;

/// <summary>Registration and endpoints of the Voicemails feature.</summary>
public static class VoicemailsRegistration
{
    public static WebApplicationBuilder AddVoicemails(this WebApplicationBuilder builder)
    {
        // The Twilio account integration (Features/Recordings) registers the real source; this is the fallback.
        builder.Services.TryAddSingleton<IRecordingSource, UnconfiguredRecordingSource>();
        builder.Services.AddSingleton<VoicemailInbox>();
        return builder;
    }

    public static IEndpointRouteBuilder MapVoicemailsEndpoints(this IEndpointRouteBuilder app)
    {
        // Signed-in users only (the fallback policy); an audio player is no page, so a visitor gets 401, not the sign-in form.
        app.MapGet("/voicemails/{id:long}/audio", Audio).DisableCookieRedirect();
        return app;
    }

    /// <summary>Streams the recording from the configured source, with range requests so the player can seek.</summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Audio(
        long id, HttpContext http, IDbContextFactory<QdnDbContext> dbFactory, IRecordingSource recordings, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var voicemail = await db.Voicemails.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (voicemail is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such voicemail", detail: $"There is no voicemail {id}.");
        }

        var availability = recordings.Check(voicemail);
        var media = availability.IsAvailable ? await recordings.OpenAsync(voicemail, ct) : null;
        if (media is null)
        {
            // Asked again: a failed fetch may have learnt why (e.g. the recording was deleted at Twilio).
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Recording audio unavailable",
                detail: (availability.IsAvailable ? recordings.Check(voicemail) : availability).Reason
                    ?? "The recording could not be fetched right now; try again later.");
        }

        // A caller's voice: no shared cache may keep it.
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(media.Content, media.ContentType, enableRangeProcessing: true);
    }
}
