using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;

namespace Consentry.Server.Tests;

/// <summary>
/// <c>/api/v1/sites/{site}/account-links</c>: consent that follows a signed-in account for sites on any stack, over the
/// shared server (its secret made on first start beside the SQLite database).
/// </summary>
public sealed class AccountLinksApiTests(ServerFixture fixture, PostgresFixture postgres)
{
    private ServerUnderTest Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A consent cookie's value as the banner writes it, for a choice made just now whose receipt is in the ledger.</summary>
    internal static string CookieValue(string consentId, bool analytics, DateTimeOffset changed) => Uri.EscapeDataString(JsonSerializer.Serialize(new
    {
        v = 1, id = consentId, r = 1, c = analytics ? new[] { "analytics", "necessary" } : ["necessary"], s = analytics ? new[] { "posthog" } : [],
        t = changed.ToUnixTimeMilliseconds(), u = changed.ToUnixTimeMilliseconds(), m = "custom", l = "en",
    }));

    internal static JsonContent Body(string account, string[]? cookies = null, string page = "https://claimcmr.com/app", string? region = null) =>
        JsonContent.Create(new { accountId = account, consentCookies = cookies, pageUrl = page, userAgent = "Mozilla/5.0 Firefox/150.0", region });

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task AnAccountsChoiceFollowsItToAnotherBrowserThroughTheApi()
    {
        var key = await Server.KeyAsync("write", "claimcmr");
        var account = Unique("api-account");
        var receipt = ServerUnderTest.Receipt(Random.Shared.Next(10_000_000, 20_000_000), "claimcmr", ConsentMethods.RejectAll, DateTimeOffset.UtcNow, analytics: false);
        await Server.AppendAsync(receipt);

        var laptop = await LinkAsync(key, Body(account, [CookieValue(receipt.ConsentId, analytics: false, DateTimeOffset.UtcNow.AddSeconds(1))]));
        var phone = await LinkAsync(key, Body(account, region: "US-CA"));

        Assert.Equal("linked", laptop.GetProperty("outcome").GetString());
        Assert.Equal("applied", phone.GetProperty("outcome").GetString());
        Assert.Equal(receipt.ConsentId, phone.GetProperty("consent").GetProperty("consentId").GetString());
        Assert.Equal(["necessary"], phone.GetProperty("consent").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("claimcmr_cookie_consent=", phone.GetProperty("setCookie").GetString(), StringComparison.Ordinal);
        Assert.Contains("; Secure", phone.GetProperty("setCookie").GetString(), StringComparison.Ordinal);
        var records = await (await Server.ApiAsync(HttpMethod.Get, $"/api/v1/sites/claimcmr/records/{receipt.ConsentId}", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var linked = records.EnumerateArray().Last().GetProperty("receipt");
        Assert.Equal(ConsentMethods.Linked, linked.GetProperty("method").GetString());
        Assert.Equal("https://claimcmr.com/app", linked.GetProperty("pageUrl").GetString());
        Assert.Equal("US-CA", linked.GetProperty("region").GetString());
        Assert.Equal("opt-in", linked.GetProperty("model").GetString());
    }

    [Fact]
    public async Task TheSecretIsMadeOnFirstStartReadableByItsOwnerOnly()
    {
        var path = Path.Combine(Server.Folder, "account-link.secret");
        Assert.True(File.Exists(path));
        Assert.True(Encoding.UTF8.GetByteCount(File.ReadAllText(path).Trim()) >= AccountKeys.MinSecretBytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task ForgettingAnAccountIs204ThenThereIsNothingToForget()
    {
        var key = await Server.KeyAsync("write", "claimcmr");
        var account = Unique("forget");
        var receipt = ServerUnderTest.Receipt(Random.Shared.Next(20_000_000, 30_000_000), "claimcmr", ConsentMethods.AcceptAll, DateTimeOffset.UtcNow);
        await Server.AppendAsync(receipt);
        await LinkAsync(key, Body(account, [CookieValue(receipt.ConsentId, analytics: true, DateTimeOffset.UtcNow.AddSeconds(1))]));

        Assert.Equal(HttpStatusCode.NoContent, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links/forget", key, JsonContent.Create(new { accountId = account }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links/forget", key, JsonContent.Create(new { accountId = account }))).StatusCode);
        Assert.Equal("noChoice", (await LinkAsync(key, Body(account))).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task OnlyAKeyThatMayWriteTheSiteLinksAccountsAndAnUnknownSiteIs404()
    {
        var read = await Server.KeyAsync("read", "claimcmr");
        var other = await Server.KeyAsync("write", "clinixai");
        var write = await Server.KeyAsync("write");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", null, Body("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", read, Body("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", other, Body("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/no-such-site/account-links", write, Body("x"))).StatusCode);
    }

    public static TheoryData<string, string> HostileBodies() => new()
    {
        { "malformed", "{\"accountId\":" },
        { "not an object", "[]" },
        { "no account", "{\"pageUrl\":\"https://claimcmr.com/\"}" },
        { "empty account", "{\"accountId\":\"\",\"pageUrl\":\"https://claimcmr.com/\"}" },
        { "account too long", "{\"accountId\":\"" + new string('a', 513) + "\",\"pageUrl\":\"https://claimcmr.com/\"}" },
        { "account not a string", "{\"accountId\":42,\"pageUrl\":\"https://claimcmr.com/\"}" },
        { "relative page", "{\"accountId\":\"a\",\"pageUrl\":\"/app\"}" },
        { "script page", "{\"accountId\":\"a\",\"pageUrl\":\"javascript:alert(1)\"}" },
        { "other site's page", "{\"accountId\":\"a\",\"pageUrl\":\"https://clinixai.com/\"}" },
        { "look-alike domain", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com.evil.example/\"}" },
        { "unknown region", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"region\":\"ZZ\"}" },
        { "unknown subdivision", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"region\":\"US-XX\"}" },
        { "markup region", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"region\":\"<script>\"}" },
        { "three cookies", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"consentCookies\":[\"1\",\"2\",\"3\"]}" },
        { "huge cookie", "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"consentCookies\":[\"" + new string('x', 5000) + "\"]}" },
        { "deep", new string('[', 5000) + new string(']', 5000) },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task AHostileBodyIs400WithoutAStackTraceAndLinksNothing(string what, string json)
    {
        var key = await Server.KeyAsync("write", "claimcmr");
        var before = await LinkCountAsync();

        var response = await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", key, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await LinkCountAsync());
    }

    [Fact]
    public async Task EachRefusedBodyIsOneLogLineWithoutAStackTrace()
    {
        await using var server = await ServerUnderTest.StartAsync();
        var key = await server.KeyAsync("write", "claimcmr");
        var before = server.Logs.Entries.Count;
        foreach (var json in new[] { "{\"accountId\":", "[]", "{\"accountId\":\"a\",\"pageUrl\":\"https://clinixai.com/\"}" })
        {
            await server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", key, new StringContent(json, Encoding.UTF8, "application/json"));
        }

        var lines = server.Logs.Entries.Skip(before).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains("account-links refused with 400", l.Message, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.False(l.HasException));
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        var key = await Server.KeyAsync("write", "claimcmr");
        var json = "{\"accountId\":\"a\",\"pageUrl\":\"https://claimcmr.com/\",\"userAgent\":\"" + new string('x', 64 * 1024) + "\"}";

        var response = await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", key, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithPostgresAndNoSecretLinkingIsOffAndSaysHowToTurnItOn()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        await using var server = await ServerUnderTest.StartAsync(o => o.Postgres = connection);
        var key = await server.KeyAsync("write", "claimcmr");

        var response = await server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", key, Body("alice"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("CONSENTRY_ACCOUNTLINKSECRET", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(server.Folder, "account-link.secret")));
    }

    [Fact]
    public async Task ASecretFileThatIsTooShortStopsTheServerWithHowToFixIt()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("consentry-secret-").FullName, "short.secret");
        await File.WriteAllTextAsync(file, "short\n", Ct);

        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ServerUnderTest.StartAsync(o => o.AccountLinkSecretFile = file));

        Assert.Contains("openssl rand", e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> LinkAsync(string key, JsonContent body)
    {
        var response = await Server.ApiAsync(HttpMethod.Post, "/api/v1/sites/claimcmr/account-links", key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>How many account links the shared server keeps, read from its SQLite file.</summary>
    private async Task<long> LinkCountAsync()
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Server.Database};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync(Ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM account_links;";
        return (long)(await cmd.ExecuteScalarAsync(Ct))!;
    }
}
