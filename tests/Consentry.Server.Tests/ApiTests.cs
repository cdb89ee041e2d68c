using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consentry.Ledger.Export;
using Consentry.Manifests;

namespace Consentry.Server.Tests;

public sealed class ApiTests(ServerFixture fixture)
{
    private ServerUnderTest Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static string Example(string site) => File.ReadAllText(RepoPaths.Example(site));

    [Fact]
    public async Task TheSitesOfTheWatchedFolderAreServedAndListed()
    {
        var key = await Server.KeyAsync("read");
        var sites = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["casemgmt", "claimcmr", "clinixai", "connectwyze"], sites.EnumerateArray().Select(s => s.GetProperty("id").GetString()).Where(id => id is "casemgmt" or "claimcmr" or "clinixai" or "connectwyze"));
        var claimcmr = sites.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "claimcmr");
        Assert.Contains($"{Server.Address.ToString().TrimEnd('/')}/sites/claimcmr/banner.js", claimcmr.GetProperty("scriptTag").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"receiptUrl\":\"/sites/claimcmr/receipts\"", await Server.Client.GetStringAsync("/sites/claimcmr/config.json", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAKeyOrWithAWrongOrRevokedOneTheApiAnswers401()
    {
        var none = await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", "csk_000000000000_nope")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", "not a key at all")).StatusCode);
        var key = await Server.KeyAsync("read");
        var id = key.Split('_')[1];
        Assert.Equal(HttpStatusCode.OK, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", key)).StatusCode);
        var admin = await Server.KeyAsync("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await Server.ApiAsync(HttpMethod.Delete, "/api/v1/keys/" + id, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", key)).StatusCode);
    }

    [Fact]
    public async Task AKeyForAnotherSiteIs403AndSeesNothingOfIt()
    {
        var key = await Server.KeyAsync("write", "claimcmr");
        var listed = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["claimcmr"], listed.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        foreach (var path in new[] { "/api/v1/sites/clinixai", "/api/v1/sites/clinixai/revisions", "/api/v1/sites/clinixai/stats", "/api/v1/sites/clinixai/export",
            "/api/v1/sites/clinixai/records/0123456789abcdef0123456789abcdef", "/api/v1/users", "/api/v1/keys", "/api/v1/audit" })
        {
            var response = await Server.ApiAsync(HttpMethod.Get, path, key);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain("ClinixAI", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/clinixai/manifest", key, Yaml(Example("clinixai")))).StatusCode);
        var read = await Server.KeyAsync("read", "claimcmr");
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/claimcmr/manifest", read, Yaml(Example("claimcmr")))).StatusCode);
    }

    [Fact]
    public async Task UnknownSitesRevisionsAndKeysAre404()
    {
        var key = await Server.KeyAsync("admin");
        foreach (var path in new[] { "/api/v1/sites/nosuchsite", "/api/v1/sites/nosuchsite/revisions", "/api/v1/sites/claimcmr/revisions/999/manifest", "/api/v1/sites/claimcmr/diff?from=1&to=999", "/api/v1/sites/nosuchsite/stats" })
        {
            var response = await Server.ApiAsync(HttpMethod.Get, path, key);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Server.ApiAsync(HttpMethod.Delete, "/api/v1/keys/ffffffffffff", key)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/sites/nosuchsite/config.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnInvalidManifestIs422WithTheErrorsValidatePrintsAndNothingIsStored()
    {
        var key = await Server.KeyAsync("write");
        var broken = Example("clinixai").Replace("category: necessary", "category: nonsense", StringComparison.Ordinal);
        var response = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/broken-site/manifest?fileName=cookies.yaml", key, Yaml(broken));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var expected = ManifestLoader.Parse(broken, "cookies.yaml").Diagnostics.Where(d => d.Severity == Consentry.Diagnostics.Severity.Error).Select(d => d.ToString()).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Matches(@"^cookies\.yaml:\d+:\d+: error CN\d{4}", expected[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/broken-site", key)).StatusCode);
    }

    [Fact]
    public async Task AMaterialChangeWithoutAHistoryEntryIsRefusedAndTheServedRevisionStays()
    {
        var key = await Server.KeyAsync("write");
        var first = Example("claimcmr");
        Assert.Equal(HttpStatusCode.Created, (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/material-test/manifest", key, Yaml(first))).StatusCode);
        var widened = first.Replace("Product usage analytics — page views, feature interactions, session data (anonymized)", "Advertising measurement and retargeting across partner sites", StringComparison.Ordinal);
        Assert.NotEqual(first, widened);
        var response = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/material-test/manifest", key, Yaml(widened));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("Fix: add a 'history' entry", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("retargeting", await Server.Client.GetStringAsync("/sites/material-test/policy.json", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMaterialRevisionWithItsHistoryEntryMakesTheBannerAskAgain()
    {
        var key = await Server.KeyAsync("write");
        var first = Example("claimcmr");
        Assert.Equal(HttpStatusCode.Created, (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/renewal-test/manifest", key, Yaml(first))).StatusCode);
        var before = (await Server.Client.GetFromJsonAsync<JsonElement>("/sites/renewal-test/config.json", Ct)).GetProperty("revision").GetInt32();
        var widened = first.Replace("Product usage analytics — page views, feature interactions, session data (anonymized)", "Advertising measurement and retargeting across partner sites", StringComparison.Ordinal)
            + "  - date: 2026-11-30\n    summary: PostHog data is now also used for advertising measurement.\n    material: true\n";
        var response = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/renewal-test/manifest", key, Yaml(widened));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.GetProperty("revision").GetProperty("renewedConsent").GetBoolean());
        Assert.Equal(before + 1, (await Server.Client.GetFromJsonAsync<JsonElement>("/sites/renewal-test/config.json", Ct)).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task ANewRevisionIsServedAtOnceAndItsDiffIsClassifiedAndRedlined()
    {
        var key = await Server.KeyAsync("write", "redline-test");
        var first = Example("claimcmr");
        Assert.Equal(HttpStatusCode.Created, (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/redline-test/manifest", key, Yaml(first))).StatusCode);
        var second = first.Replace("Authenticates your login session.", "Authenticates your log-in session.", StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        var updated = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/redline-test/manifest", key, Yaml(second));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("updated", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outcome").GetString());
        Assert.Equal("unchanged", (await (await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/redline-test/manifest", key, Yaml(second))).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outcome").GetString());
        Assert.Contains("Authenticates your log-in session.", await Server.Client.GetStringAsync("/sites/redline-test/policy.json", Ct), StringComparison.Ordinal);

        var diff = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/redline-test/diff", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, 2), (diff.GetProperty("from").GetInt32(), diff.GetProperty("to").GetInt32()));
        Assert.Contains(diff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("subject").GetString()!.Contains("session_token", StringComparison.Ordinal));
        var segments = diff.GetProperty("redline").EnumerateArray().Select(s => (Kind: s.GetProperty("kind").GetString(), Text: s.GetProperty("text").GetString()!)).ToList();
        Assert.Contains(segments, s => s.Kind == "deleted" && s.Text.Contains("login", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.Kind == "inserted" && s.Text.Contains("log-in", StringComparison.Ordinal));
        Assert.Equal(first, await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/redline-test/revisions/1/manifest", key)).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AccountsAreAddedUnlockedAndRemovedWithAnAdminKeyOnly()
    {
        var admin = await Server.KeyAsync("admin");
        var read = await Server.KeyAsync("read");
        var body = JsonContent.Create(new { email = "api-made@example.com", role = "auditor" });
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/users", read, body)).StatusCode);
        var created = await Server.ApiAsync(HttpMethod.Post, "/api/v1/users", admin, JsonContent.Create(new { email = "api-made@example.com", role = "auditor" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(20, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("password").GetString()!.Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/users", admin, JsonContent.Create(new { email = "not an e-mail", role = "auditor" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/users/api-made@example.com/unlock", read)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/users/api-made@example.com/unlock", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/users/nobody@example.com/unlock", admin)).StatusCode);
        var users = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/users", admin)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("api-made@example.com", users, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", users, StringComparison.Ordinal); // no password hash
        Assert.Equal(HttpStatusCode.NoContent, (await Server.ApiAsync(HttpMethod.Delete, "/api/v1/users/api-made@example.com", admin)).StatusCode);
    }

    [Fact]
    public async Task ReadyAndLiveAnswer200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal("Healthy", await Server.Client.GetStringAsync("/readyz", Ct));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApiAndTheReferenceIsServed()
    {
        var doc = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json", Ct);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/sites/{site}/manifest", paths);
        Assert.Contains("/api/v1/sites/{site}/stats", paths);
        Assert.Contains("/api/v1/sites/{site}/records/{consentId}/download", paths);
        var docs = await Server.Client.GetAsync("/api/v1/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi.json", await docs.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVisitorsRecordsAreLookedUpDownloadedVerifiablyAndEveryAccessIsAudited()
    {
        var day = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        await Server.AppendAsync(ServerUnderTest.Receipt(5001, "clinixai", "accept-all", day), ServerUnderTest.Receipt(5002, "clinixai", "reject-all", day, analytics: false),
            ServerUnderTest.Receipt(5001, "clinixai", "withdraw", day.AddDays(1), analytics: false) with { ReceiptId = new string('e', 32) });
        var key = await Server.KeyAsync("read", "clinixai");
        var id = 5001.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        var receipts = await (await Server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/clinixai/records/{id}", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["accept-all", "withdraw"], receipts.EnumerateArray().Select(r => r.GetProperty("receipt").GetProperty("method").GetString()));

        var download = await Server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/clinixai/records/{id}/download", key);
        Assert.Equal($"attachment; filename=\"clinixai-{id}.jsonl\"", download.Content.Headers.ContentDisposition?.ToString());
        var verification = LedgerExport.VerifyJsonLines(new StringReader(await download.Content.ReadAsStringAsync(Ct)));
        Assert.True(verification.Verified, string.Join("; ", verification.Problems));
        Assert.Equal(2, verification.Entries);

        var export = await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/clinixai/export?from=2026-06-01&to=2026-06-03&format=jsonl", key);
        var exported = LedgerExport.VerifyJsonLines(new StringReader(await export.Content.ReadAsStringAsync(Ct)));
        Assert.True(exported.Verified);
        Assert.Equal(3, exported.Entries);
        var csv = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/clinixai/export?from=2026-06-01&to=2026-06-03&format=csv", key)).Content.ReadAsStringAsync(Ct);
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/clinixai/records/not-an-id", key)).StatusCode);

        var audit = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/audit?target=clinixai&limit=1000", await Server.KeyAsync("admin"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var actions = audit.EnumerateArray().Select(a => (Action: a.GetProperty("action").GetString(), Detail: a.GetProperty("detail").GetString())).ToList();
        Assert.Contains(("records.lookup", id), actions);
        Assert.Contains(("records.download", id), actions);
        Assert.Contains(actions, a => a.Action == "records.export" && a.Detail!.Contains("as csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheStatisticsApiAndTheCliGiveTheSameFigures()
    {
        var monday = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        var methods = new[] { "accept-all", "reject-all", "custom", "gpc", "accept-all", "withdraw", "renewed" };
        await Server.AppendAsync([.. methods.Select((m, i) => ServerUnderTest.Receipt(6000 + i, "casemgmt", m, monday.AddDays(i * 2), i % 2 == 0 ? "en" : "de", analytics: m is "accept-all" or "custom"))]);
        var key = await Server.KeyAsync("read", "casemgmt");
        var api = await (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/casemgmt/stats?from=2026-02-01&to=2026-03-01&by=week&group=language", key)).Content.ReadAsStringAsync(Ct);
        var cli = await CliProcess.RunAsync(["ledger", "stats", "--db", Server.Database, "--site", "casemgmt", "--from", "2026-02-01", "--to", "2026-03-01", "--by", "week", "--group", "language", "-f", "json"]);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(Normalize(api), Normalize(cli.Out));
        var rows = JsonDocument.Parse(api).RootElement.EnumerateArray().ToList();
        Assert.Equal(7, rows.Sum(r => r.GetProperty("choices").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.ApiAsync(HttpMethod.Get, "/api/v1/sites/casemgmt/stats?by=fortnight", key)).StatusCode);
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
