using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.AspNetCore.Tests;

/// <summary>Consent that follows a signed-in account: <c>HttpContext.LinkConsentAsync</c> over a real ledger, browsers played by cookie headers.</summary>
public sealed class AccountLinkTests
{
    internal const string Secret = "account-link-secret-for-tests-0123456789";
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");
    private static readonly string LaptopId = new('a', 32);
    private static readonly string PhoneId = new('b', 32);

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(ClaimCmr, o => o.AccountLinkSecret = Secret);

    [Fact]
    public async Task AChoiceMadeOnOneBrowserIsAppliedOnAnotherWhereTheAccountSignsIn()
    {
        await using var site = await StartAsync();
        var laptop = await ChooseAsync(site, LaptopId, "reject-all", analytics: false);
        Assert.Equal("Linked", (await SignInAsync(site, "alice", laptop)).Outcome);

        var phone = await SignInAsync(site, "alice", cookie: null);

        Assert.Equal("Applied", phone.Outcome);
        Assert.Equal(LaptopId, phone.Consent["consentId"]!.GetValue<string>());
        Assert.Equal(["necessary"], phone.Consent["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(ConsentMethods.Linked, phone.Consent["method"]!.GetValue<string>());
        var cookie = Assert.Single(phone.SetCookies);
        Assert.Contains("; Path=/; Expires=", cookie, StringComparison.Ordinal);
        Assert.Contains("SameSite=Lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpOnly", cookie, StringComparison.Ordinal);
        var stored = (await ReceiptEndpointTests.StoredAsync(site)).Select(e => e.ReadReceipt()).ToList();
        Assert.Equal([ConsentMethods.RejectAll, ConsentMethods.Linked], stored.Select(r => r.Method));
        Assert.Equal(LaptopId, stored[1].ConsentId);
        Assert.False(stored[1].Categories["analytics"]);
        Assert.Equal("InSync", (await SignInAsync(site, "alice", phone.Cookie)).Outcome);
        Assert.Equal(2, (await ReceiptEndpointTests.StoredAsync(site)).Count);
    }

    [Fact]
    public async Task AWithdrawalOnOneBrowserReachesTheOtherAtItsNextPageLoad()
    {
        await using var site = await StartAsync();
        var laptop = await ChooseAsync(site, LaptopId, "accept-all", analytics: true);
        await SignInAsync(site, "alice", laptop);
        var phone = (await SignInAsync(site, "alice", cookie: null)).Cookie!;
        Assert.Contains("analytics", Granted(await SignInAsync(site, "alice", phone)));

        laptop = await ChooseAsync(site, LaptopId, "withdraw", analytics: false);
        Assert.Equal("InSync", (await SignInAsync(site, "alice", laptop)).Outcome);
        var next = await SignInAsync(site, "alice", phone);

        Assert.Equal("Applied", next.Outcome);
        Assert.DoesNotContain("analytics", Granted(next));
        Assert.Equal(["necessary"], Granted(await ConsentAsync(site, next.Cookie!)));
    }

    [Fact]
    public async Task TwoBrowsersSettleOnTheLatestChoiceInsteadOfTakingTurns()
    {
        await using var site = await StartAsync();
        var laptop = await ChooseAsync(site, LaptopId, "accept-all", analytics: true);
        await SignInAsync(site, "alice", laptop);
        var phone = (await SignInAsync(site, "alice", cookie: null)).Cookie!;

        phone = await ChooseAsync(site, LaptopId, "reject-all", analytics: false);
        Assert.Equal("InSync", (await SignInAsync(site, "alice", phone)).Outcome);
        var applied = await SignInAsync(site, "alice", laptop);
        Assert.Equal("Applied", applied.Outcome);
        laptop = applied.Cookie!;

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("InSync", (await SignInAsync(site, "alice", laptop)).Outcome);
            Assert.Equal("InSync", (await SignInAsync(site, "alice", phone)).Outcome);
        }
    }

    [Fact]
    public async Task AChoiceStillOnItsWayToTheLedgerIsNotUndone()
    {
        await using var site = await StartAsync();
        var laptop = await ChooseAsync(site, LaptopId, "accept-all", analytics: true);
        await SignInAsync(site, "alice", laptop);

        var pending = Cookie(site, LaptopId, analytics: false, leafIndex: null, changed: DateTimeOffset.UtcNow.AddSeconds(1));
        var load = await SignInAsync(site, "alice", pending);

        Assert.Equal("InSync", load.Outcome);
        Assert.Empty(load.SetCookies);
        Assert.DoesNotContain("analytics", Granted(load));
    }

    [Fact]
    public async Task ABrowserWithItsOwnNewerChoiceBecomesTheOneTheAccountFollows()
    {
        await using var site = await StartAsync();
        var laptop = await ChooseAsync(site, LaptopId, "accept-all", analytics: true);
        await SignInAsync(site, "alice", laptop);
        var phone = await ChooseAsync(site, PhoneId, "reject-all", analytics: false);

        Assert.Equal("Linked", (await SignInAsync(site, "alice", phone)).Outcome);
        var next = await SignInAsync(site, "alice", laptop);

        Assert.Equal("Applied", next.Outcome);
        Assert.Equal(PhoneId, next.Consent["consentId"]!.GetValue<string>());
        Assert.DoesNotContain("analytics", Granted(next));
    }

    [Fact]
    public async Task AChoiceForAnOlderRevisionIsNotAppliedAndTheBannerAsksAgain()
    {
        await using var site = await StartAsync();
        var served = site.Services.GetRequiredService<ConsentrySites>().Find("claimcmr")!;
        await using (var store = new SqliteReceiptStore(site.LedgerPath))
        {
            await store.AppendAsync([SerializedReceipt.From(new ConsentReceipt
            {
                Site = "claimcmr", ReceiptId = new string('c', 32), ConsentId = LaptopId, Revision = served.Revision - 1, PolicyHash = "OLDER",
                Categories = new SortedDictionary<string, bool>(StringComparer.Ordinal) { ["analytics"] = true, ["necessary"] = true },
                Services = new SortedDictionary<string, bool>(StringComparer.Ordinal), Method = ConsentMethods.AcceptAll, Language = "en",
                PageUrl = "https://claimcmr.com/", UserAgentFamily = "Chrome", ServerTime = DateTimeOffset.UtcNow,
            })], TestContext.Current.CancellationToken);
            await ((IAccountLinks)store).LinkAsync("claimcmr", AccountKeys.For(Secret, "claimcmr", "alice"), LaptopId, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        }

        var phone = await SignInAsync(site, "alice", cookie: null);

        Assert.Equal("RenewalDue", phone.Outcome);
        Assert.Empty(phone.SetCookies);
        Assert.Null(phone.Consent["consentId"]);
    }

    [Fact]
    public async Task TheAccountIdIsNeverStoredInTheClear()
    {
        const string account = "alice.unmistakable@example.com";
        await using var site = await StartAsync();
        await SignInAsync(site, account, await ChooseAsync(site, LaptopId, "accept-all", analytics: true));
        await SignInAsync(site, account, cookie: null);
        var linked = await ((IAccountLinks)site.Services.GetRequiredService<IReceiptStore>()).LinkedConsentAsync("claimcmr", AccountKeys.For(Secret, "claimcmr", account), TestContext.Current.CancellationToken);
        Assert.Equal(LaptopId, linked);

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(site.LedgerPath)!))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            Assert.Equal(-1, bytes.ToArray().AsSpan().IndexOf("unmistakable"u8));
        }
    }

    [Fact]
    public async Task ForgettingAnAccountLeavesTheNextBrowserToTheBanner()
    {
        await using var site = await StartAsync();
        await SignInAsync(site, "alice", await ChooseAsync(site, LaptopId, "accept-all", analytics: true));
        var links = site.Services.GetRequiredService<IConsentLinks>();
        var served = site.Services.GetRequiredService<ConsentrySites>().Find("claimcmr")!;

        Assert.True(await links.UnlinkAsync(served, "alice", TestContext.Current.CancellationToken));

        Assert.Equal("NoChoice", (await SignInAsync(site, "alice", cookie: null)).Outcome);
        Assert.Single(await ReceiptEndpointTests.StoredAsync(site));
    }

    [Fact]
    public async Task LinkingWithoutASecretSaysHowToConfigureOne()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var links = site.Services.GetRequiredService<IConsentLinks>();
        var served = site.Services.GetRequiredService<ConsentrySites>().Find("claimcmr")!;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => links.LinkAsync(served, new ConsentLinkRequest { AccountId = "alice", PageUrl = new Uri("https://claimcmr.com/") }, TestContext.Current.CancellationToken));

        Assert.Contains("AccountLinkSecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortSecretStopsTheHostAtStart()
    {
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestSite.StartAsync(ClaimCmr, o => o.AccountLinkSecret = "too-short"));
        Assert.Contains("at least 32 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBannerCannotPostAReceiptWithMethodLinked()
    {
        await using var site = await StartAsync();
        var body = await ReceiptEndpointTests.ValidAsync(site);
        body["method"] = ConsentMethods.Linked;

        using var response = await ReceiptEndpointTests.PostAsync(site, body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await ReceiptEndpointTests.StoredAsync(site));
    }

    [Theory]
    [InlineData("https://app.shop.example/account", "; Domain=shop.example; Secure")]
    [InlineData("http://localhost:5000/", "")]
    public void TheAppliedCookieIsTheBannersOwnForTheConsentDomainAndSecureOnHttps(string page, string tail)
    {
        const string yaml = """
            site: { name: Shop, domains: [shop.example], contact: { email: privacy@shop.example } }
            items:
              - { name: sh_consent, category: necessary, purpose: Stores your choice., duration: 1y }
              - { name: st_id, category: analytics, purpose: Visit statistics., duration: 13mo }
            consent: { cookie: sh_consent, lifetime: 1y, domain: shop.example }
            history: [{ date: 2026-11-01, summary: First. }]
            """;
        var site = new ConsentrySite(Consentry.Manifests.ManifestLoader.Parse(yaml, "cookies.yaml").GetValidManifest(), "/consentry");
        var made = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var state = new ConsentState { ConsentId = LaptopId, Revision = site.Revision, Categories = new HashSet<string> { "necessary" }, Method = ConsentMethods.Linked, UpdatedAt = made.AddDays(3), LeafIndex = 7 };

        var cookie = ConsentCookieWriter.SetCookie(site, new Uri(page), state, "en", made);

        Assert.EndsWith("; Path=/; Expires=" + made.AddDays(365).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "; SameSite=Lax" + tail, cookie, StringComparison.Ordinal);
        var read = ConsentCookieReader.ReadLatest([cookie.Split(';')[0]["sh_consent=".Length..]], site.Revision, site.Locked);
        Assert.Equal(LaptopId, read.ConsentId);
        Assert.Equal(7, read.LeafIndex);
        Assert.Equal(ConsentMethods.Linked, read.Method);
        Assert.Equal(["necessary"], read.Categories);
    }

    private sealed record Load(string Outcome, JsonObject Consent, string[] SetCookies, string? Cookie);

    /// <summary>A page load of a signed-in visitor whose browser sends <paramref name="cookie"/> (a consent cookie's "name=value").</summary>
    private static async Task<Load> SignInAsync(TestSite site, string account, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signed-in?account=" + Uri.EscapeDataString(account));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        string[] set = response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
        return new Load(body["outcome"]!.GetValue<string>(), body, set, set.Length == 1 ? set[0].Split(';')[0] : cookie);
    }

    private static async Task<JsonObject> ConsentAsync(TestSite site, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consent");
        request.Headers.Add("Cookie", cookie);
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    private static string[] Granted(Load load) => Granted(load.Consent);

    private static string[] Granted(JsonObject consent) => [.. consent["categories"]!.AsArray().Select(c => c!.GetValue<string>())];

    /// <summary>What the banner does on a choice: posts the receipt, then writes the cookie with its leaf index.</summary>
    private static async Task<string> ChooseAsync(TestSite site, string consentId, string method, bool analytics)
    {
        var body = await ReceiptEndpointTests.ValidAsync(site);
        body["consentId"] = consentId;
        body["method"] = method;
        body["categories"] = new JsonObject { ["necessary"] = true, ["analytics"] = analytics };
        body["services"] = new JsonObject { ["posthog"] = analytics };
        using var response = await ReceiptEndpointTests.PostAsync(site, body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var leaf = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("leafIndex").GetInt64();
        return Cookie(site, consentId, analytics, leaf, DateTimeOffset.UtcNow);
    }

    private static string Cookie(TestSite site, string consentId, bool analytics, long? leafIndex, DateTimeOffset changed)
    {
        var served = site.Services.GetRequiredService<ConsentrySites>().Find("claimcmr")!;
        var json = JsonSerializer.Serialize(new
        {
            v = 1, id = consentId, r = served.Revision, c = analytics ? new[] { "analytics", "necessary" } : ["necessary"], s = analytics ? new[] { "posthog" } : [],
            t = changed.ToUnixTimeMilliseconds(), u = changed.ToUnixTimeMilliseconds(), m = "custom", l = "en", x = leafIndex,
        });
        return served.Manifest.Consent.Cookie + "=" + Uri.EscapeDataString(json);
    }
}
