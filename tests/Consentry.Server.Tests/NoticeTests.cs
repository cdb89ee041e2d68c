using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consentry.Server.Notices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consentry.Server.Tests;

/// <summary>Notices of a material change to account holders, through a real SMTP server on loopback.</summary>
public sealed class NoticeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ServerUnderTest> StartAsync(TestSmtpServer? smtp, Action<ServerOptions>? more = null) => ServerUnderTest.StartAsync(o =>
    {
        o.Notifications.PollEvery = TimeSpan.FromMilliseconds(100);
        o.Notices.PerSecond = 0;
        o.Notices.RetryAfter = TimeSpan.Zero;
        o.PublicUrl = "https://consent.example.com";
        if (smtp is not null)
        {
            (o.Smtp.Host, o.Smtp.Port, o.Smtp.Security, o.Smtp.From) = ("127.0.0.1", smtp.Port, "none", "privacy@claimcmr.com");
        }

        more?.Invoke(o);
    });

    [Fact]
    public void NoticesAreWrittenInEveryLanguagePoliciesAre() =>
        Assert.Equal(Consentry.Policy.PolicyRenderer.Languages.Order(StringComparer.Ordinal), Consentry.Server.Notices.NoticeTexts.ByLanguage.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public async Task EachRecipientGetsTheNoticeOnceInTheirLanguageAsTextAndHtmlAndTheAddressesArePurgedAfter()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var server = await StartAsync(smtp);
        var revision = await PublishMaterialAsync(server);
        var key = await server.KeyAsync("write", "claimcmr");
        var batch = new[] { ("ann@example.com", "en"), ("bernd@example.de", "de-AT"), ("claire@example.fr", "fr"), ("ANN@example.com", "en"), ("dora@example.com", ""), ("ali@example.com", "ar-EG"), ("piotr@example.pl", "pl") };
        var first = await AddAsync(server, key, revision, batch);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(6, body.GetProperty("added").GetInt32());
        Assert.Equal(1, body.GetProperty("alreadyInRun").GetInt32());
        var again = await (await AddAsync(server, key, revision, batch[..2])).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, again.GetProperty("added").GetInt32());

        var preview = await (await server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/claimcmr/notices/{revision}/preview?language=de", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("ClaimCMR: Wir haben unsere Cookie-Richtlinie aktualisiert", preview.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/send", key)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/send", key)).StatusCode);

        var report = await WaitDoneAsync(server, key, revision);
        Assert.Equal(6, report.GetProperty("sent").GetInt64());
        Assert.Equal(0, report.GetProperty("pending").GetInt64());
        Assert.Equal(6, smtp.Messages.Count);
        Assert.Equal(6, smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        var de = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "bernd@example.de");
        Assert.Equal("de", de.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.StartsWith("ClaimCMR: Wir haben unsere Cookie-Richtlinie aktualisiert", de.Subject, StringComparison.Ordinal);
        Assert.Contains("Die Änderungen gelten ab dem 30. November 2026", de.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\" dir=\"ltr\">", de.HtmlBody, StringComparison.Ordinal);
        var en = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ann@example.com");
        Assert.Contains("They take effect on November 30, 2026", en.TextBody, StringComparison.Ordinal);
        var ar = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ali@example.com");
        Assert.Equal("ar", ar.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.StartsWith("ClaimCMR: حدّثنا سياسة ملفات تعريف الارتباط", ar.Subject, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", ar.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Zmiany obowiązują od 30 listopada 2026", smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "piotr@example.pl").TextBody, StringComparison.Ordinal);
        Assert.Contains("PostHog data is now also used to measure our advertising campaigns.", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("PostHog-Daten werden jetzt auch zur Messung unserer Werbekampagnen verwendet.", de.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://consent.example.com/sites/claimcmr/policy", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("In detail:", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("You will be asked for your consent again", en.TextBody, StringComparison.Ordinal);
        Assert.Equal("fr", smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "claire@example.fr").Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.Equal("privacy@claimcmr.com", en.From.Mailboxes.Single().Address);

        // The addresses are gone; only the figures stay. No address was logged in full.
        Assert.Equal(0, await CountRecipientsAsync(server));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("ann@example.com", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Conflict, (await AddAsync(server, key, revision, [("eve@example.com", "en")])).StatusCode);
    }

    [Fact]
    public async Task RefusalsAreCountedByReplyCodeAndATemporaryOneIsTriedAgainUntilItFails()
    {
        await using var smtp = TestSmtpServer.Start();
        smtp.Refuse = rcpt => rcpt.StartsWith("gone@", StringComparison.Ordinal) ? 550 : rcpt.StartsWith("busy@", StringComparison.Ordinal) ? 451 : null;
        await using var server = await StartAsync(smtp, o => o.Notices.MaxAttempts = 2);
        var revision = await PublishMaterialAsync(server);
        var key = await server.KeyAsync("write", "claimcmr");
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(server, key, revision, [("gone@example.com", "en"), ("busy@example.com", "en"), ("ok@example.com", "en")])).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/send", key)).StatusCode);

        var report = await WaitDoneAsync(server, key, revision);
        Assert.Equal((1, 1, 1), (report.GetProperty("sent").GetInt64(), report.GetProperty("failed").GetInt64(), report.GetProperty("bounced").GetInt64()));
        Assert.Equal(1, report.GetProperty("codes").GetProperty("550").GetInt64());
        Assert.Equal(1, report.GetProperty("codes").GetProperty("451").GetInt64());
        Assert.Equal("ok@example.com", smtp.Messages.Single().To.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("[{\"address\":\"a@example.com\"},{\"address\":\"not-an-address\"},{\"address\":\"b@example.com\",\"language\":\"<script>\"}]", 422, "[1]: not an e-mail address; [2]: '<script>' is not a language tag")]
    [InlineData("{\"address\":", 400, "not a JSON array")]
    [InlineData("[[[[[[[[[[\"deep\"]]]]]]]]]]", 400, "not a JSON array")]
    [InlineData("[{\"address\":\"Ann <ann@example.com>\"}]", 422, "[0]: not an e-mail address")]
    public async Task ABadBatchIsRefusedWholeWithEachProblemLocatedAndNothingStored(string json, int status, string problem)
    {
        await using var server = await StartAsync(null);
        var revision = await PublishMaterialAsync(server);
        var key = await server.KeyAsync("write", "claimcmr");
        var response = await server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/recipients", key, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountRecipientsAsync(server));
    }

    [Fact]
    public async Task OversizedBatchesOtherSitesKeysAndRevisionsThatAreNoMaterialChangeAreRefused()
    {
        await using var server = await StartAsync(null);
        var revision = await PublishMaterialAsync(server);
        var key = await server.KeyAsync("write", "claimcmr");
        var many = Enumerable.Range(0, RecipientInput.MaxBatch + 1).Select(i => ($"r{i}@example.com", "en")).ToArray();
        var tooMany = await AddAsync(server, key, revision, many);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains("send them in batches", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // A body over the limit is refused before it is read (the client waits for 100-continue, and gets 413 instead).
        using (var huge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/recipients")
        {
            Content = new StringContent("[" + string.Join(',', Enumerable.Repeat("{\"address\":\"" + new string('a', 200) + "@example.com\"}", 20_000)) + "]", Encoding.UTF8, "application/json"),
        })
        {
            huge.Headers.ExpectContinue = true;
            huge.Headers.Authorization = new("Bearer", key);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Client.SendAsync(huge, Ct)).StatusCode);
        }

        var other = await server.KeyAsync("write", "casemgmt");
        Assert.Equal(HttpStatusCode.Forbidden, (await AddAsync(server, other, revision, [("a@example.com", "en")])).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AddAsync(server, key, 1, [("a@example.com", "en")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AddAsync(server, key, 99, [("a@example.com", "en")])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AddAsync(server, key, revision, [("a@example.com", "en")])).StatusCode);
        var send = await server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/send", key);
        Assert.Equal(HttpStatusCode.Conflict, send.StatusCode);
        Assert.Contains("No SMTP server is configured", await send.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await CountRecipientsAsync(server));
    }

    [Fact]
    public async Task AnAdminUploadsRecipientsAsCsvAndBadLinesAreNamedByNumber()
    {
        await using var server = await StartAsync(null);
        var revision = await PublishMaterialAsync(server);
        var session = await server.SignInAsync();
        async Task<string> UploadAsync(string csv)
        {
            using var content = new MultipartFormDataContent { { new StringContent(revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), "revision" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "csv", "holders.csv" } };
            var response = await session.PostMultipartAsync("/admin/sites/claimcmr/notices?handler=Upload", content);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Contains("1 line(s) refused, so none was added: line 3: not an e-mail address", await UploadAsync("address,language\nann@example.com,en\nnobody\n"), StringComparison.Ordinal);
        Assert.Equal(0, await CountRecipientsAsync(server));
        Assert.Contains("2 recipient(s) added, 0 already in the run.", await UploadAsync("address,language\nann@example.com,en\n\nbernd@example.de,de\n"), StringComparison.Ordinal);
        var page = (await session.GetAsync($"/admin/sites/claimcmr/notices?preview={revision}&language=fr")).Body;
        Assert.Contains("nous avons mis à jour notre politique relative aux cookies", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"Send the notice of revision {revision} to 2 recipient(s)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePacerSpacesSendsEvenlyAtTheConfiguredRate()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pacer = new Pacer(clock);
        var first = pacer.WaitAsync(4, Ct);
        var second = pacer.WaitAsync(4, Ct);
        var third = pacer.WaitAsync(4, Ct);
        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await third.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.True(pacer.WaitAsync(0, Ct).IsCompleted);
    }

    private static Task<int> PublishMaterialAsync(ServerUnderTest server) => DemoRevision.PublishAsync(server, "claimcmr");

    internal static Task<HttpResponseMessage> AddAsync(ServerUnderTest server, string key, int revision, (string Address, string Language)[] recipients) =>
        server.ApiAsync(HttpMethod.Post, $"/api/v1/sites/claimcmr/notices/{revision}/recipients", key,
            JsonContent.Create(recipients.Select(r => new { address = r.Address, language = r.Language })));

    private static async Task<JsonElement> WaitDoneAsync(ServerUnderTest server, string key, int revision)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            var report = await (await server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/claimcmr/notices/{revision}", key)).Content.ReadFromJsonAsync<JsonElement>(hang.Token);
            if (report.GetProperty("status").GetString() == NoticeStatus.Done)
            {
                return report;
            }

            await Task.Delay(100, hang.Token);
        }
    }

    private static async Task<long> CountRecipientsAsync(ServerUnderTest server) =>
        (await server.Services.GetRequiredService<Data.ServerDatabase>().QueryAsync("SELECT COUNT(*) FROM server_notice_recipients;", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Ct))[0];
}
