using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QdnConsole.Data;
using QdnConsole.Features.Audit;
using QdnConsole.Features.AuditTrail;
using QdnConsole.Features.LineEditor;
using QdnConsole.Features.Voicemails;
using QdnConsole.Tests.Features.Voice;
using QdnConsole.Tests.Features.Voicemails;
using QdnConsole.Tests.Infrastructure;

namespace QdnConsole.Tests.Features.AuditTrail;

/// <summary>The audit trail page: every change with before and after, for the owner only.</summary>
public sealed class AuditTrailPageTests : IDisposable
{
    private const string StaffEmail = "staff@example.com";
    private static readonly Actor Staff = new(StaffEmail, "web", "198.51.100.4");

    private readonly QdnAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AuditPage_Owner_SeesEveryChangeWithBeforeAndAfter()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        await _app.Services.GetRequiredService<VoicemailInbox>().SetHandledAsync(voicemail.Id, true, Staff, CancellationToken.None);
        var editor = _app.Services.GetRequiredService<LineEditService>();
        var form = (await editor.LoadAsync("qdn", CancellationToken.None))!.Form;
        form.Steps[0].RingSeconds = 30;
        form.Steps.Reverse();
        await editor.SaveAsync("qdn", form, new Actor(QdnAppFactory.OwnerEmail, "web", "203.0.113.9"), CancellationToken.None);
        using var client = await _app.SignedInClientAsync();

        var page = await client.GetPageAsync("/audit");

        var entries = page.QuerySelectorAll("li.entry");
        Assert.Equal(["line.edited", "voicemail.handled"], entries.Take(2).Select(e => e.QuerySelector(".action")!.TextContent));
        var handled = entries[1];
        Assert.Equal(StaffEmail, handled.QuerySelector(".actor")?.TextContent);
        Assert.Equal("from web · 198.51.100.4", handled.QuerySelector(".from")?.TextContent);
        Assert.Equal($"/voicemails#vm-{voicemail.Id}", handled.QuerySelector(".what a")?.GetAttribute("href"));
        Assert.Equal(("false", "true"), Change(handled, "Handled"));
        Assert.Equal(("(none)", StaffEmail), Change(handled, "HandledBy"));
        var edited = entries[0];
        Assert.Equal(("Sergio", "Backup"), Change(edited, "Steps[0].Person"));
        Assert.Equal(("20", "30"), Change(edited, "Steps[1].RingSeconds"));
        Assert.Equal(("true", "false"), Change(edited, "Steps[0].Screen"));
        // Unchanged fields are there, folded away.
        Assert.NotNull(edited.QuerySelector("details.unchanged tr[data-field=Name]"));
        Assert.Null(edited.QuerySelector("table:not(details table) tr[data-field=Name]"));
    }

    [Fact]
    public async Task AuditPage_FilteredByTypeAndActor_OnlyThoseEntries()
    {
        var voicemail = await _app.LeaveVoicemailAsync();
        var inbox = _app.Services.GetRequiredService<VoicemailInbox>();
        await inbox.SetHandledAsync(voicemail.Id, true, Staff, CancellationToken.None);
        await inbox.SetHandledAsync(voicemail.Id, false, new Actor(QdnAppFactory.OwnerEmail, "web"), CancellationToken.None);
        using var client = await _app.SignedInClientAsync();

        var byType = await client.GetPageAsync("/audit?type=Voicemail");
        var byActor = await client.GetPageAsync("/audit?type=Voicemail&actor=" + Uri.EscapeDataString(StaffEmail));

        Assert.Equal(["voicemail.unhandled", "voicemail.handled"], byType.QuerySelectorAll(".action").Select(a => a.TextContent));
        Assert.Equal(["voicemail.handled"], byActor.QuerySelectorAll(".action").Select(a => a.TextContent));
        Assert.Equal("Voicemail", byActor.QuerySelector("select[name=type] option[selected]")?.TextContent);
    }

    [Fact]
    public async Task AuditPage_MoreThanAPage_OlderEntriesLinkPagesWithoutGapsOrRepeats()
    {
        var factory = _app.Services.GetRequiredService<IDbContextFactory<QdnDbContext>>();
        var audit = _app.Services.GetRequiredService<AuditLog>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // One save: many entries share a timestamp, so the id has to break the ties.
            for (var i = 0; i < AuditTrailQueries.PageSize + 5; i++)
            {
                audit.Record(db, Actor.System, "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "test.made", null, new { i });
            }

            await db.SaveChangesAsync();
        }

        using var client = await _app.SignedInClientAsync();
        var total = await _app.DbAsync(db => db.AuditEntries.CountAsync());

        var first = await client.GetPageAsync("/audit");
        var older = first.QuerySelector("a[rel=next]")?.GetAttribute("href");
        Assert.NotNull(older);
        var second = await client.GetPageAsync(older);

        var ids = first.QuerySelectorAll("li.entry").Concat(second.QuerySelectorAll("li.entry")).Select(e => e.Id).ToList();
        Assert.Equal(AuditTrailQueries.PageSize, first.QuerySelectorAll("li.entry").Length);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.NotNull(second.QuerySelector("nav.pager a[href='/audit']"));
    }

    [Theory]
    [InlineData("/audit")]
    [InlineData("/lines")]
    [InlineData("/lines/qdn")]
    public async Task OwnerPage_Staff_RedirectedToAccessDenied(string path)
    {
        await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        using var client = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain("Sergio", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_Staff_NoOwnerLinksButOwnerHasThem()
    {
        await _app.AddUserAsync(StaffEmail, UserRole.Staff);
        using var staff = await _app.SignedInClientAsync(StaffEmail, ConsoleUsers.StaffPassword);
        using var owner = await _app.SignedInClientAsync();

        var staffNav = Links(await staff.GetPageAsync("/voicemails"));
        var ownerNav = Links(await owner.GetPageAsync("/voicemails"));

        Assert.Contains("voicemails", staffNav);
        Assert.DoesNotContain("lines", staffNav);
        Assert.DoesNotContain("audit", staffNav);
        Assert.DoesNotContain("users", staffNav);
        Assert.Superset(new HashSet<string> { "voicemails", "lines", "audit", "users" }, ownerNav.ToHashSet());
    }

    private static (string?, string?) Change(IElement entry, string field)
    {
        var row = entry.QuerySelector($"tr[data-field='{field}']");
        Assert.NotNull(row);
        return (row.QuerySelector("td.before")?.TextContent, row.QuerySelector("td.after")?.TextContent);
    }

    private static IReadOnlyList<string> Links(IDocument page) =>
        [.. page.QuerySelectorAll("nav.top a").Select(a => a.GetAttribute("href") ?? "")];
}
