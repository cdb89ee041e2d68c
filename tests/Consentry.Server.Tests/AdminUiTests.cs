using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Consentry.Ledger.Chain;

namespace Consentry.Server.Tests;

/// <summary>The admin UI over HTTP: sign-in cookie, antiforgery, roles, uploads with located errors, escaping, the audit trail.</summary>
public sealed class AdminUiTests(ServerFixture fixture)
{
    private ServerUnderTest Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSignInCookieIsHostPrefixedSecureHttpOnlyAndStrict()
    {
        var session = await Server.SignInAsync();
        var cookie = Assert.Single(session.SetCookies, c => c.StartsWith("__Host-consentry-admin=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        var (status, body) = await session.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("claimcmr", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSigningInEveryAdminPageRedirectsToTheSignInPage()
    {
        foreach (var path in new[] { "/admin", "/admin/sites/claimcmr", "/admin/sites/claimcmr/records", "/admin/users", "/admin/audit" })
        {
            var response = await Server.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AOneTimePasswordMustBeReplacedBeforeAnythingElse()
    {
        var (password, problem) = await ConsentryServer.AddAccountAsync(Server.Options, "newcomer@example.com", "auditor", null, Ct);
        Assert.Null(problem);
        var session = new AdminSession(Server.Client);
        var signIn = await session.SignInAsync("newcomer@example.com", password!);
        Assert.Equal("/admin/password", signIn.Headers.Location?.OriginalString);
        var (status, _) = await session.GetAsync("/admin/sites/claimcmr/records");
        Assert.Equal(HttpStatusCode.Redirect, status);

        var wrong = await session.PostFormAsync("/admin/password", new() { ["current"] = "not it", ["replacement"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var same = await session.PostFormAsync("/admin/password", new() { ["current"] = password!, ["replacement"] = password! });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var changed = await session.PostFormAsync("/admin/password", new() { ["current"] = password!, ["replacement"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/sites/claimcmr/records")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await new AdminSession(Server.Client).SignInAsync("newcomer@example.com", "a brand new passphrase")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await new AdminSession(Server.Client).SignInAsync("newcomer@example.com", password!)).StatusCode);
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        var signIn = await new AdminSession(Server.Client).PostFormAsync("/admin/login", new() { ["email"] = ServerUnderTest.AdminEmail, ["password"] = ServerUnderTest.Password }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        var session = await Server.SignInAsync();
        var forged = await session.PostFormAsync("/admin/users?handler=Add", new() { ["email"] = "forged@example.com", ["role"] = "admin" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (_, users) = await session.GetAsync("/admin/users");
        Assert.DoesNotContain("forged@example.com", users, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenAgainstTheRightPassword()
    {
        await using var server = await ServerUnderTest.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var failed = await new AdminSession(server.Client).SignInAsync(ServerUnderTest.AuditorEmail, "wrong password " + i);
            Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode);
        }

        var locked = await new AdminSession(server.Client).SignInAsync(ServerUnderTest.AuditorEmail, ServerUnderTest.Password);
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("locked after too many failed sign-ins", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await new AdminSession(server.Client).SignInAsync(ServerUnderTest.AdminEmail, ServerUnderTest.Password)).StatusCode);

        var admin = await server.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync("/admin/users?handler=Unlock", new() { ["email"] = ServerUnderTest.AuditorEmail }, pagePath: "/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new AdminSession(server.Client).SignInAsync(ServerUnderTest.AuditorEmail, ServerUnderTest.Password)).StatusCode);
        var (_, audit) = await admin.GetAsync("/admin/audit");
        Assert.Contains("signin.locked", audit, StringComparison.Ordinal);
        Assert.Contains("user.unlock", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuditorReadsRecordsButMayNotManageAccountsKeysOrSites()
    {
        var auditor = await Server.SignInAsync(ServerUnderTest.AuditorEmail);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/admin/sites/claimcmr/records")).Status);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/admin/audit")).Status);
        foreach (var path in new[] { "/admin/users", "/admin/keys", "/admin/sites/add" })
        {
            var (status, _) = await auditor.GetAsync(path);
            Assert.True(status == HttpStatusCode.Redirect, $"{path}: {status}");
        }

        var verify = await auditor.PostFormAsync("/admin/sites/claimcmr?handler=Verify", [], pagePath: "/admin/sites/claimcmr");
        Assert.NotEqual(HttpStatusCode.OK, verify.StatusCode);
    }

    [Fact]
    public async Task AnUploadWithErrorsShowsThemLocatedAndStoresNothing()
    {
        var session = await Server.SignInAsync();
        var broken = File.ReadAllText(RepoPaths.Example("claimcmr")).Replace("duration: 1y", "duration: forever", StringComparison.Ordinal);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("upload-errors"), "siteId" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(broken)) { Headers = { ContentType = new MediaTypeHeaderValue("application/yaml") } }, "file", "../../etc/cookies.yaml" },
        };
        var response = await session.PostMultipartAsync("/admin/sites/add", form);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Matches(@"cookies\.yaml:\d+:\d+: error CN\d{4}", page);
        Assert.DoesNotContain("../", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/admin/sites/upload-errors")).Status);
    }

    [Fact]
    public async Task AnOversizedUploadIs413AndStoresNothing()
    {
        var session = await Server.SignInAsync();
        var huge = File.ReadAllText(RepoPaths.Example("claimcmr")) + "\n# " + new string('x', 1024 * 1024 + 10);
        using var form = new MultipartFormDataContent { { new StringContent("too-big"), "siteId" }, { new StringContent(huge), "text" } };
        var response = await session.PostMultipartAsync("/admin/sites/add", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var key = await Server.KeyAsync("write");
        var api = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/too-big/manifest", key, new StringContent(huge, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/admin/sites/too-big")).Status);
    }

    [Fact]
    public async Task MarkupInAManifestIsEscapedInEveryAdminPage()
    {
        var evil = File.ReadAllText(RepoPaths.Example("claimcmr"))
            .Replace("name: ClaimCMR", "name: \"<script>alert('name')</script>\"", StringComparison.Ordinal)
            .Replace("Authenticates your login session.", "Authenticates <img src=x onerror=alert(1)> your login session.", StringComparison.Ordinal);
        var key = await Server.KeyAsync("write");
        var first = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/markup/manifest", key, new StringContent(evil, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await Server.ApiAsync(HttpMethod.Put, "/api/v1/sites/markup/manifest", key, new StringContent(evil.Replace("Authenticates <img", "Authenticates  <img", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var session = await Server.SignInAsync();
        foreach (var path in new[] { "/admin", "/admin/sites/markup", "/admin/sites/markup/diff", "/admin/sites/markup/stats", "/admin/sites/markup/records", "/admin/keys" })
        {
            var (status, page) = await session.GetAsync(path);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {status}");
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", (await session.GetAsync("/admin/sites/markup/diff")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditTrailIsAChainTheLedgerVerifierChecksAndCatchesAnEdit()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var session = await server.SignInAsync();
        await session.GetAsync("/admin/sites/claimcmr/records?consentId=0123456789abcdef0123456789abcdef");
        var results = await LedgerVerifier.VerifyAsync(server.Store, Audit.AuditTrail.SiteId, Ct);
        Assert.All(results, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));
        Assert.True(results.Single(r => r.Site == Audit.AuditTrail.SiteId).Entries >= 4);

        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.Database};Pooling=False"))
        {
            await c.OpenAsync(Ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE receipts SET receipt = replace(receipt, 'records.lookup', 'records.nothing') WHERE site = 'consentry-audit' AND receipt LIKE '%records.lookup%';";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync(Ct));
        }

        var after = await LedgerVerifier.VerifyAsync(server.Store, Audit.AuditTrail.SiteId, Ct);
        Assert.Contains(after.SelectMany(r => r.Problems), p => p.Kind == "edited");
    }

    [Fact]
    public async Task AChangedManifestInTheWatchedFolderBecomesTheServedRevision()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var file = Path.Combine(server.Manifests, "clinixai", "cookies.yaml");
        var text = File.ReadAllText(file);
        var changed = text + "\n# Reviewed by the privacy team.\n";
        Assert.NotEqual(text, changed);
        File.WriteAllText(file, changed);
        // Waits on the event (the site's second revision), with an outer limit that only catches a hang.
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        var session = await server.SignInAsync();
        while (!(await session.GetAsync("/admin/sites/clinixai")).Body.Contains("<td class=\"n\">2</td>", StringComparison.Ordinal))
        {
            await Task.Delay(100, hang.Token);
        }

        Assert.Contains("folder", (await session.GetAsync("/admin/sites/clinixai")).Body, StringComparison.Ordinal);
    }
}
