using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consentry.Server.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.Server.Tests;

/// <summary>Alerts: events from the outbox to webhook receivers and a real SMTP server on loopback, retried, disabled and re-sent.</summary>
public sealed partial class AlertsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ServerUnderTest> StartAsync(TestSmtpServer? smtp = null) => ServerUnderTest.StartAsync(o =>
    {
        o.Notifications.PollEvery = TimeSpan.FromMilliseconds(100);
        o.Notifications.RetryBase = TimeSpan.FromMilliseconds(50);
        o.Notifications.RetryMax = TimeSpan.FromMilliseconds(200);
        o.Notifications.MaxAttempts = 3;
        o.Notifications.DisableAfter = 5;
        // The product's own limit (10 s): only the receiver that never answers waits it out. A 1-s limit here was
        // raced by a receiver answering 500 on a machine with every core busy (its attempt then never reached it).
        o.Notifications.WebhookTimeout = TimeSpan.FromSeconds(10);
        o.PublicUrl = "https://consent.example.com";
        if (smtp is not null)
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = smtp.Port;
            o.Smtp.Security = "none";
        }
    });

    [Fact]
    public async Task AMaterialRevisionReachesWebhookAndEmailSignedSoTheStandardWebhooksLibraryAcceptsIt()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(smtp);
        var session = await server.SignInAsync();
        var secret = await AddChannelAsync(session, "webhook", "ops hook", new Uri(hooks.Address, "ok").ToString());
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await AddChannelAsync(session, "email", "privacy team", "privacy@example.com, dpo@example.com");

        await DemoRevision.PublishAsync(server, "claimcmr");

        await WaitAsync(() => hooks.Count("ok") >= 1 && !smtp.Messages.IsEmpty);
        var (_, headers, body) = hooks.Requests.Single(r => r.Path == "ok");
        using var payload = JsonDocument.Parse(body);
        Assert.Equal(EventTypes.RevisionMaterial, payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("claimcmr", data.GetProperty("site").GetString());
        Assert.Equal("https://consent.example.com/sites/claimcmr/policy", data.GetProperty("policyUrl").GetString());
        Assert.Contains(data.GetProperty("changes").EnumerateArray(), c => c.GetProperty("description").GetString()!.Contains("purpose", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(headers["webhook-id"], ("evt_" + headers["webhook-id"][4..]));
        Assert.Equal("verified", await VerifyIndependentlyAsync(secret, headers, body));
        Assert.StartsWith("refused", await VerifyIndependentlyAsync(secret, headers, body.Replace("claimcmr", "claimcmX", StringComparison.Ordinal)), StringComparison.Ordinal);

        var mail = smtp.Messages.Single();
        Assert.StartsWith("[Consentry] ClaimCMR (claimcmr) published a material change", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(["privacy@example.com", "dpo@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(EventTypes.RevisionMaterial, mail.Headers["X-Consentry-Event"]);
        Assert.Contains("https://consent.example.com/admin/sites/claimcmr/diff?to=", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith(headers["webhook-id"], mail.MessageId, StringComparison.Ordinal);
        var log = (await session.GetAsync("/admin/alerts")).Body;
        Assert.Equal(2, Regex.Count(log, ">delivered<"));
    }

    [Fact]
    public async Task AFlakyReceiverGetsTheSameEventIdOnEveryAttemptUntilItAccepts()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync();
        var session = await server.SignInAsync();
        await AddChannelAsync(session, "webhook", "flaky", new Uri(hooks.Address, "flaky").ToString());
        await DemoRevision.PublishAsync(server, "claimcmr");

        await WaitAsync(async () => (await DeliveriesAsync(server)).Any(d => d.Status == DeliveryStatus.Delivered));
        var attempts = hooks.Requests.Where(r => r.Path == "flaky").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Headers["webhook-id"]).Distinct());
        Assert.Single(attempts.Select(a => a.Body).Distinct());
        var delivery = (await DeliveriesAsync(server)).Single();
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal("HTTP 200", delivery.LastResult);
    }

    [Fact]
    public async Task AReceiverThatFailsOrNeverAnswersIsGivenUpThenDisabledAndAResendByHandDeliversIt()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync();
        var session = await server.SignInAsync();
        await AddChannelAsync(session, "webhook", "broken", new Uri(hooks.Address, "fail").ToString());
        await AddChannelAsync(session, "webhook", "silent", new Uri(hooks.Address, "stall").ToString());
        await DemoRevision.PublishAsync(server, "claimcmr");
        await DemoRevision.PublishAsync(server, "casemgmt");

        // Three attempts (MaxAttempts) and the first delivery is given up; the fifth failure in a row (DisableAfter)
        // disables the channel, and the second delivery waits, pending, for it to be enabled again.
        await WaitAsync(async () => (await server.Services.GetRequiredService<ChannelRepository>().ListAsync(Ct)).All(c => !c.Enabled));
        var deliveries = await DeliveriesAsync(server);
        foreach (var name in new[] { "broken", "silent" })
        {
            var mine = deliveries.Where(d => d.ChannelName == name).OrderByDescending(d => d.Attempts).ToList();
            Assert.Equal([(DeliveryStatus.Failed, 3), (DeliveryStatus.Pending, 2)], mine.Select(d => (d.Status, d.Attempts)));
            Assert.Equal(name == "broken" ? "HTTP 500" : "no answer within 10 s", mine[0].LastResult);
        }

        var channels = await server.Services.GetRequiredService<ChannelRepository>().ListAsync(Ct);
        Assert.All(channels, c => Assert.StartsWith("disabled after 5 failed attempts in a row", c.DisabledReason, StringComparison.Ordinal));
        Assert.Contains(server.Logs.Entries, l => l.Message.Contains("Channel 'broken' disabled after 5 failed attempts", StringComparison.Ordinal));
        Assert.Equal(5, hooks.Count("fail"));

        // The receiver is fixed (the channel now points at /ok) and the channel enabled again: the waiting delivery
        // goes out by itself, and the one given up goes out when re-sent by hand — each with its own event id.
        var broken = channels.Single(c => c.Name == "broken");
        await server.Services.GetRequiredService<Data.ServerDatabase>().ExecuteAsync("UPDATE server_channels SET target = @t WHERE id = @id;", Ct, ("@t", new Uri(hooks.Address, "ok").ToString()), ("@id", broken.Id));
        Assert.Equal(HttpStatusCode.OK, (await session.PostFormAsync("/admin/alerts?handler=Enable", new() { ["id"] = broken.Id, ["on"] = "true" }, pagePath: "/admin/alerts")).StatusCode);
        await WaitAsync(() => hooks.Count("ok") == 1);
        var given = deliveries.Single(d => d.ChannelId == broken.Id && d.Status == DeliveryStatus.Failed);
        var resent = await session.PostFormAsync("/admin/alerts?handler=Resend", new() { ["eventId"] = given.EventId, ["channelId"] = broken.Id }, pagePath: "/admin/alerts");
        Assert.Contains("will be sent to", await resent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await WaitAsync(() => hooks.Count("ok") == 2);
        Assert.Equal(deliveries.Where(d => d.ChannelId == broken.Id).Select(d => d.EventId).Order(), hooks.Requests.Where(r => r.Path == "ok").Select(r => r.Headers["webhook-id"]).Order());
        await WaitAsync(async () => (await DeliveriesAsync(server)).Count(d => d.Status == DeliveryStatus.Delivered) == 2);
    }

    [Fact]
    public async Task TheApiManagesChannelsAndReSendsAndNeverShowsASecretTwice()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync();
        var admin = await server.KeyAsync("admin");
        var writer = await server.KeyAsync("write");
        var body = JsonContent.Create(new { kind = "webhook", name = "ops", target = new Uri(hooks.Address, "ok").ToString(), events = new[] { EventTypes.RevisionMaterial } });
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ApiAsync(HttpMethod.Post, "/api/v1/channels", writer, body)).StatusCode);
        var bad = await server.ApiAsync(HttpMethod.Post, "/api/v1/channels", admin, JsonContent.Create(new { kind = "webhook", name = "x", target = "gopher://x" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var created = await server.ApiAsync(HttpMethod.Post, "/api/v1/channels", admin, JsonContent.Create(new { kind = "webhook", name = "ops", target = new Uri(hooks.Address, "ok").ToString(), events = new[] { EventTypes.RevisionMaterial } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = answer.GetProperty("channel").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", answer.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", await (await server.ApiAsync(HttpMethod.Get, "/api/v1/channels", admin)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await DemoRevision.PublishAsync(server, "claimcmr");
        await WaitAsync(() => hooks.Count("ok") == 1);
        var log = await (await server.ApiAsync(HttpMethod.Get, "/api/v1/deliveries", admin)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var eventId = log[0].GetProperty("eventId").GetString()!;
        await WaitAsync(async () => (await DeliveriesAsync(server)).Single().Status == DeliveryStatus.Delivered);
        Assert.Equal(HttpStatusCode.Accepted, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/deliveries/{eventId}/{id}/resend", admin)).StatusCode);
        await WaitAsync(() => hooks.Count("ok") == 2);
        Assert.Single(hooks.Requests.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.Equal(HttpStatusCode.NotFound, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/deliveries/evt_nope/{id}/resend", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/channels/{id}/disable", admin)).StatusCode);
        Assert.False((await server.Services.GetRequiredService<ChannelRepository>().GetAsync(id, Ct))!.Enabled);
        Assert.Equal(HttpStatusCode.NoContent, (await server.ApiAsync(HttpMethod.Delete, $"/api/v1/channels/{id}", admin)).StatusCode);
        Assert.Empty(await server.Services.GetRequiredService<ChannelRepository>().ListAsync(Ct));
    }

    [Theory]
    [InlineData("webhook", "ftp://example.com/hook", "absolute http:// or https://")]
    [InlineData("webhook", "https://user:pw@example.com/hook", "no user name")]
    [InlineData("email", "not an address", "is not an e-mail address")]
    [InlineData("pigeon", "https://example.com/", "must be 'webhook' or 'email'")]
    public async Task AChannelWithABadTargetIsRefusedWithTheReasonAndNothingStored(string kind, string target, string reason)
    {
        await using var server = await StartAsync();
        var session = await server.SignInAsync();
        var response = await session.PostFormAsync("/admin/alerts?handler=Create", new() { ["kind"] = kind, ["name"] = "x", ["target"] = target }, pagePath: "/admin/alerts");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<ChannelRepository>().ListAsync(Ct));
    }

    [Fact]
    public async Task ABrokenLedgerRaisesOneAlertWhileItStaysBrokenNotOneEveryRun()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync();
        var session = await server.SignInAsync();
        await AddChannelAsync(session, "webhook", "ledger", new Uri(hooks.Address, "ok").ToString());
        await session.GetAsync("/admin/sites/claimcmr/records?consentId=0123456789abcdef0123456789abcdef");
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.Database};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE receipts SET receipt = replace(receipt, 'records.lookup', 'records.nothing') WHERE site = 'consentry-audit' AND receipt LIKE '%records.lookup%';";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync(Ct));
        }

        var verification = server.Services.GetRequiredService<Records.VerificationService>();
        Assert.False((await verification.RunAsync(Audit.AuditTrail.SiteId, Ct)).Verified);
        Assert.False((await verification.RunAsync(Audit.AuditTrail.SiteId, Ct)).Verified);
        await WaitAsync(() => hooks.Count("ok") >= 1);
        await server.Services.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(Ct);
        var alert = Assert.Single(hooks.Requests);
        using var payload = JsonDocument.Parse(alert.Body);
        Assert.Equal(EventTypes.VerificationFailed, payload.RootElement.GetProperty("type").GetString());
        Assert.Contains("edited", payload.RootElement.GetProperty("data").GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> AddChannelAsync(AdminSession session, string kind, string name, string target)
    {
        var response = await session.PostFormAsync("/admin/alerts?handler=Create", new() { ["kind"] = kind, ["name"] = name, ["target"] = target }, pagePath: "/admin/alerts");
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        return Secret().Match(WebUtility.HtmlDecode(page)).Value;
    }

    private static Task<List<Delivery>> DeliveriesAsync(ServerUnderTest server) => server.Services.GetRequiredService<DeliveryStore>().RecentAsync(100, Ct);

    private static Task WaitAsync(Func<bool> done) => WaitAsync(() => Task.FromResult(done()));

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(5)); // catches a hang only: five unanswered attempts take 50 s by themselves
        while (!await done())
        {
            await Task.Delay(50, hang.Token);
        }
    }

    /// <summary>Asks the Standard Webhooks reference library (npm <c>standardwebhooks</c>, run by Node.js) whether the signature holds.</summary>
    private static async Task<string> VerifyIndependentlyAsync(string secret, Dictionary<string, string> headers, string body)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "tests", "webhook-verifier", "verify.mjs")]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var p = Process.Start(info)!;
        await p.StandardInput.WriteAsync(JsonSerializer.Serialize(new { secret, headers = new Dictionary<string, string> { ["webhook-id"] = headers["webhook-id"], ["webhook-timestamp"] = headers["webhook-timestamp"], ["webhook-signature"] = headers["webhook-signature"] }, body }));
        p.StandardInput.Close();
        var output = await p.StandardOutput.ReadToEndAsync(Ct);
        await p.WaitForExitAsync(Ct);
        return output.Trim();
    }

    [GeneratedRegex("whsec_[A-Za-z0-9+/=]+")]
    private static partial Regex Secret();
}
