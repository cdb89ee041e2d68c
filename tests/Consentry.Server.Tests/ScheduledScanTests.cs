using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consentry.Server.Notifications;
using Consentry.Server.Scans;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.Server.Tests;

/// <summary>Scheduled scans in one server (Quartz's in-memory store over SQLite), with real Chromium against a loopback site.</summary>
public sealed class ScheduledScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AScanKeepsItsReportsAndTheNextShowsTheDriftInTheAdminUiAndAlertsByEmailAndWebhook()
    {
        await using var target = await ScanTarget.StartAsync();
        await using var smtp = TestSmtpServer.Start();
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await ServerUnderTest.StartAsync(o =>
        {
            o.Notifications.PollEvery = TimeSpan.FromMilliseconds(100);
            (o.Smtp.Host, o.Smtp.Port, o.Smtp.Security) = ("127.0.0.1", smtp.Port, "none");
        });
        var session = await server.SignInAsync();
        // The webhook takes every event; the e-mail channel only drift.
        foreach (var (kind, target2, wanted) in new[] { ("webhook", new Uri(hooks.Address, "ok").ToString(), ""), ("email", "web-team@example.com", EventTypes.ScanDrift) })
        {
            var added = await session.PostFormAsync("/admin/alerts?handler=Create", new() { ["kind"] = kind, ["name"] = kind, ["target"] = target2, ["events"] = wanted }, pagePath: "/admin/alerts");
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var saved = await session.PostFormAndFollowAsync("/admin/sites/claimcmr/scans?handler=Schedule",
            new() { ["cron"] = "0 3 * * 1", ["url"] = target.Address.ToString(), ["maxPages"] = "1", ["enabled"] = "true" }, "/admin/sites/claimcmr/scans");
        Assert.Contains("Schedule saved.", saved.Body, StringComparison.Ordinal);

        await ScanNowAsync(session);
        var first = await WaitForScansAsync(server, 1);
        Assert.Equal(ScanStatus.Done, first[0].Status);
        Assert.EndsWith("first scan", first[0].Summary, StringComparison.Ordinal);

        // The site changes: an undeclared marketing cookie appears, and an analytics cookie is set before any choice.
        target.Drift = true;
        await ScanNowAsync(session);
        var second = (await WaitForScansAsync(server, 2))[0];
        Assert.Equal(ScanStatus.Done, second.Status);
        Assert.Contains("2 item change(s)", second.Summary, StringComparison.Ordinal);

        var (status, detail) = await session.GetAsync($"/admin/sites/claimcmr/scans/{second.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<code>promo_ref</code>", detail, StringComparison.Ordinal);
        Assert.Contains("appeared", detail, StringComparison.Ordinal);
        Assert.Contains(first[0].Id, detail, StringComparison.Ordinal);
        var history = (await session.GetAsync("/admin/sites/claimcmr/scans")).Body;
        Assert.Contains($"/admin/sites/claimcmr/scans/{second.Id}/report.html", history, StringComparison.Ordinal);

        using (var html = await session.SendGetAsync($"/admin/sites/claimcmr/scans/{second.Id}/report.html"))
        {
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.Contains("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            var body = await html.Content.ReadAsStringAsync(Ct);
            Assert.Contains("data:image/jpeg;base64,", body, StringComparison.Ordinal);
            Assert.Contains("promo_ref", body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await session.SendGetAsync($"/admin/sites/casemgmt/scans/{second.Id}/report.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Client.GetAsync($"/admin/sites/claimcmr/scans/{second.Id}/report.json", Ct)).StatusCode);

        // The drift reaches both channels, the new error only the webhook.
        await smtp.WaitForAsync(1);
        using (var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            hang.CancelAfter(TimeSpan.FromMinutes(2));
            while (hooks.Count("ok") < 2)
            {
                await Task.Delay(50, hang.Token);
            }
        }

        var events = hooks.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(e => e.GetProperty("type").GetString()!);
        Assert.Equal([EventTypes.ScanDrift, EventTypes.ScanErrors], events.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(events[EventTypes.ScanDrift].GetProperty("data").GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains("promo_ref", StringComparison.Ordinal));
        Assert.Contains(events[EventTypes.ScanErrors].GetProperty("data").GetProperty("lines").EnumerateArray(), l => l.GetString()!.StartsWith("SC003 ph_", StringComparison.Ordinal));
        var mail = smtp.Messages.Single();
        Assert.StartsWith("[Consentry] A scan of claimcmr found drift", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("promo_ref", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/admin/sites/claimcmr/scans/{second.Id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiSetsTheScheduleScansNowAndServesTheHistoryAndReport()
    {
        await using var target = await ScanTarget.StartAsync();
        await using var server = await ServerUnderTest.StartAsync();
        var key = await server.KeyAsync("write", "claimcmr");
        var other = await server.KeyAsync("write", "casemgmt");
        Assert.Equal(HttpStatusCode.Conflict, (await server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/scans", key)).StatusCode);
        var bad = await server.ApiAsync(HttpMethod.Put, "/api/v1/sites/claimcmr/scan-schedule", key, JsonContent.Create(new { cron = "61 * * * *", url = target.Address, maxPages = 1 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("not a valid cron expression", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        JsonContent Good() => JsonContent.Create(new { cron = "0 3 * * 1", url = target.Address, maxPages = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ApiAsync(HttpMethod.Put, "/api/v1/sites/claimcmr/scan-schedule", other, Good())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await server.ApiAsync(HttpMethod.Put, "/api/v1/sites/claimcmr/scan-schedule", key, Good())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/scans", key)).StatusCode);

        var scan = (await WaitForScansAsync(server, 1))[0];
        var list = await (await server.ApiAsync(HttpMethod.Get, "/api/v1/sites/claimcmr/scans", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(scan.Id, list[0].GetProperty("id").GetString());
        Assert.Equal("manual", list[0].GetProperty("origin").GetString());
        var report = await (await server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/claimcmr/scans/{scan.Id}/report", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("consentry-scan/1", report.GetProperty("schema").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/claimcmr/scans/{scan.Id}/report", other)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.ApiAsync(HttpMethod.Get, "/api/v1/sites/claimcmr/scans/scan_nope/report", key)).StatusCode);
    }

    [Fact]
    public async Task OnlyTheNewestFinishedScansOfASiteAreKept()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var history = server.Services.GetRequiredService<ScanHistory>();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var scan = await history.BeginAsync("claimcmr", $"manual-{i}", "manual", "test", takeOver: false, Ct);
            Assert.NotNull(scan);
            await history.FinishAsync(scan, ScanStatus.Done, $"scan {i}", "{}", "<p>", [], keep: 2, Ct);
            ids.Add(scan.Id);
        }

        Assert.Null(await history.BeginAsync("claimcmr", "manual-3", "manual", "test", takeOver: false, Ct));
        Assert.Equal(ids.TakeLast(2).Reverse(), (await history.ListAsync("claimcmr", 10, Ct)).Select(s => s.Id));
        Assert.Null(await history.ReportAsync("claimcmr", ids[0], "html", Ct));
    }

    [Theory]
    [InlineData("every day", "not a cron expression")]
    [InlineData("0 3 * * 9", "not a valid cron expression")]
    [InlineData("0 3 * * *", "absolute http:// or https://", "file:///etc/passwd")]
    [InlineData("0 3 * * *", "between 1 and 200", "https://example.com/", "0")]
    public async Task ABadScheduleIsRefusedWithTheReasonAndNothingStored(string cron, string reason, string url = "https://example.com/", string pages = "5")
    {
        await using var server = await ServerUnderTest.StartAsync();
        var session = await server.SignInAsync();
        var response = await session.PostFormAsync("/admin/sites/claimcmr/scans?handler=Schedule", new() { ["cron"] = cron, ["url"] = url, ["maxPages"] = pages, ["enabled"] = "true" }, pagePath: "/admin/sites/claimcmr/scans");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Null(await server.Services.GetRequiredService<ScanScheduleRepository>().GetAsync("claimcmr", Ct));
    }

    [Fact]
    public async Task AnAuditorSeesTheHistoryButCannotScheduleOrScan()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var session = await server.SignInAsync(ServerUnderTest.AuditorEmail);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/sites/claimcmr/scans")).Status);
        var response = await session.PostFormAsync("/admin/sites/claimcmr/scans?handler=Schedule", new() { ["cron"] = "0 3 * * *", ["url"] = "https://example.com/", ["maxPages"] = "5" }, pagePath: "/admin/sites/claimcmr/scans");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await server.Services.GetRequiredService<ScanScheduleRepository>().GetAsync("claimcmr", Ct));
    }

    private static async Task ScanNowAsync(AdminSession session)
    {
        // Post/Redirect/Get: the answer is a redirect, so reloading the page never starts another scan.
        using var posted = await session.PostFormAsync("/admin/sites/claimcmr/scans?handler=Run", [], pagePath: "/admin/sites/claimcmr/scans");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/admin/sites/claimcmr/scans?done=run", posted.Headers.Location?.ToString());
        Assert.Contains("The scan will start", (await session.GetAsync(posted.Headers.Location!.ToString())).Body, StringComparison.Ordinal);
    }

    /// <summary>Waits until the site has <paramref name="count"/> finished scans; newest first.</summary>
    private static async Task<List<ScanRecord>> WaitForScansAsync(ServerUnderTest server, int count)
    {
        var history = server.Services.GetRequiredService<ScanHistory>();
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(4));
        while (true)
        {
            var scans = await history.ListAsync("claimcmr", 10, hang.Token);
            if (scans.Count(s => s.Status != ScanStatus.Running) >= count)
            {
                return scans;
            }

            await Task.Delay(200, hang.Token);
        }
    }
}
