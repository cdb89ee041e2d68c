using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Stores;

namespace Consentry.AspNetCore.Tests;

/// <summary>
/// The consent model of the visitor's region decides on the server: what cookies pass before a choice, what Global
/// Privacy Control refuses, what <c>config.json</c> tells the banner (and how a cache must key it), and what a receipt
/// records. The region comes from Cloudflare's headers, sent by the test client from loopback (a trusted proxy).
/// </summary>
public sealed class RegionalConsentTests : IDisposable
{
    private const string Yaml = """
        site: { name: Shop, domains: [shop.example], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: Stats, domains: [stats.example.net] }
          ads: { name: Ads, domains: [ads.example.net] }
        items:
          - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_id, category: analytics, provider: stats, purpose: Counts visits., duration: 30d }
          - { name: ad_id, category: marketing, provider: ads, purpose: Targeted advertising., duration: 90d }
        consent: { cookie: shop_consent, global_privacy_control: ignore }
        regions: { EEA: opt-in, US-PRIVACY: opt-out, US: notice, JP: none }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private static readonly (string, string)[] California = [("CF-IPCountry", "US"), ("CF-Region-Code", "CA")];
    private static readonly (string, string)[] France = [("CF-IPCountry", "FR")];
    private static readonly (string, string)[] Florida = [("CF-IPCountry", "US"), ("CF-Region-Code", "FL")];
    private static readonly (string, string)[] Japan = [("CF-IPCountry", "JP")];

    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-regions-").FullName;
    private readonly string _manifest;

    public RegionalConsentTests()
    {
        _manifest = Path.Combine(_dir, "cookies.yaml");
        File.WriteAllText(_manifest, Yaml);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<TestSite> StartAsync(string proxies = "127.0.0.0/8") => TestSite.StartAsync(_manifest, o =>
    {
        o.RegionHeaders = RegionHeaders.Cloudflare;
        o.RegionProxies.Add(TrustedProxies.Parse(proxies));
    });

    private static async Task<HttpResponseMessage> SendAsync(TestSite site, HttpMethod method, string path, IEnumerable<(string Name, string Value)> headers, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await site.Client.SendAsync(request, Token);
    }

    /// <summary>The names of the cookies the app could set, of st_id (analytics) and ad_id (marketing).</summary>
    private static async Task<string[]> SetAsync(TestSite site, params (string, string)[] headers)
    {
        using var response = await SendAsync(site, HttpMethod.Get, "/set?names=st_id,ad_id", headers);
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values.Select(v => v.Split('=')[0]).Order(StringComparer.Ordinal)] : [];
    }

    private static async Task<(JsonElement Config, HttpResponseMessage Response)> ConfigAsync(TestSite site, params (string, string)[] headers)
    {
        var response = await SendAsync(site, HttpMethod.Get, "/consentry/config.json", headers);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement, response);
    }

    [Fact]
    public async Task UnderOptOutAVisitorWhoHasNotChosenGetsAnalyticsAndMarketingUntilTheyOptOut()
    {
        await using var site = await StartAsync();
        Assert.Equal(["ad_id", "st_id"], await SetAsync(site, California));
        var optedOut = ("Cookie", "shop_consent=" + TestSite.ConsentCookie(1, ["necessary"], []));
        Assert.Empty(await SetAsync(site, [.. California, optedOut]));
        using var consent = await SendAsync(site, HttpMethod.Get, "/consent", California);
        Assert.Contains("\"marketing\"", await consent.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderOptOutGlobalPrivacyControlRefusesMarketingAndItsProviderEvenWhenTheManifestIgnoresTheSignal()
    {
        await using var site = await StartAsync();
        var gpc = ("Sec-GPC", "1");
        Assert.Equal(["st_id"], await SetAsync(site, [.. California, gpc]));
        using var csp = await SendAsync(site, HttpMethod.Get, "/consentry/csp", [.. California, gpc]);
        var policy = await csp.Content.ReadAsStringAsync(Token);
        Assert.Contains("stats.example.net", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("ads.example.net", policy, StringComparison.Ordinal);

        // Where the manifest's 'ignore' stands (a notice region), the signal changes nothing.
        Assert.Equal(["ad_id", "st_id"], await SetAsync(site, [.. Florida, gpc]));
    }

    [Fact]
    public async Task InTheEeaAndForAnUntrustedSenderNothingNonEssentialPassesBeforeAChoice()
    {
        await using (var site = await StartAsync())
        {
            Assert.Empty(await SetAsync(site, France));
            Assert.Empty(await SetAsync(site));
        }

        // The same Californian headers from a client that is no configured proxy are a visitor's own words: opt-in.
        await using var untrusted = await StartAsync("10.0.0.0/8");
        Assert.Empty(await SetAsync(untrusted, California));
    }

    [Fact]
    public async Task UnderNoticeAndNoneEverythingPassesBeforeAChoiceAndARefusalStillCounts()
    {
        await using var site = await StartAsync();
        Assert.Equal(["ad_id", "st_id"], await SetAsync(site, Florida));
        Assert.Equal(["ad_id", "st_id"], await SetAsync(site, Japan));
        Assert.Empty(await SetAsync(site, [.. Japan, ("Cookie", "shop_consent=" + TestSite.ConsentCookie(1, ["necessary"], []))]));
    }

    [Fact]
    public async Task ConfigJsonFollowsTheRegionAndTellsCachesToKeyItByTheRegionHeaders()
    {
        await using var site = await StartAsync();
        var (optOut, r1) = await ConfigAsync(site, California);
        Assert.Equal("opt-out", optOut.GetProperty("model").GetString());
        Assert.Equal(["analytics", "marketing"], optOut.GetProperty("pre").EnumerateArray().Select(e => e.GetString()));
        Assert.True(optOut.GetProperty("gpc").GetBoolean());
        Assert.True(optOut.GetProperty("bannerRequired").GetBoolean());
        var en = optOut.GetProperty("texts").GetProperty("en");
        Assert.Equal("Do not sell or share my personal information", en.GetProperty("reject_all").GetString());
        Assert.Equal("Your privacy choices", en.GetProperty("settings").GetString());
        Assert.Contains("CF-IPCountry", r1.Headers.Vary);
        Assert.Contains("CF-Region-Code", r1.Headers.Vary);
        Assert.Contains("Accept-Language", r1.Headers.Vary);

        var (optIn, r2) = await ConfigAsync(site, France);
        Assert.False(optIn.TryGetProperty("model", out _));
        Assert.False(optIn.TryGetProperty("pre", out _));
        Assert.False(optIn.GetProperty("gpc").GetBoolean());
        Assert.Equal("Reject all", optIn.GetProperty("texts").GetProperty("en").GetProperty("reject_all").GetString());
        Assert.NotEqual(r1.Headers.ETag, r2.Headers.ETag);

        var (none, _) = await ConfigAsync(site, Japan);
        Assert.False(none.GetProperty("bannerRequired").GetBoolean());
        Assert.Equal("none", none.GetProperty("model").GetString());
        r1.Dispose();
        r2.Dispose();
    }

    [Fact]
    public async Task AReceiptRecordsTheRegionAndModelFromTheTrustedHeadersNeverFromItsBody()
    {
        await using var site = await StartAsync();
        var (config, r) = await ConfigAsync(site, California);
        r.Dispose();
        JsonObject Receipt() => new()
        {
            ["receiptId"] = Guid.NewGuid().ToString("N"), ["consentId"] = "0123456789abcdef0123456789abcdef", ["revision"] = 1,
            ["policyHash"] = config.GetProperty("policyHash").GetString(), ["categories"] = new JsonObject { ["necessary"] = true, ["analytics"] = true, ["marketing"] = false },
            ["services"] = new JsonObject { ["stats"] = true, ["ads"] = false }, ["method"] = "gpc", ["language"] = "en", ["pageUrl"] = "https://shop.example/",
        };

        using (var stored = await SendAsync(site, HttpMethod.Post, "/consentry/receipts", California, new StringContent(Receipt().ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        // A region in the body is no field of a receipt: refused, nothing stored.
        var forged = Receipt();
        forged["region"] = "FR";
        using (var refused = await SendAsync(site, HttpMethod.Post, "/consentry/receipts", California, new StringContent(forged.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var unknown = await SendAsync(site, HttpMethod.Post, "/consentry/receipts", [], new StringContent(Receipt().ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.Created, unknown.StatusCode);
        }

        await using var store = new SqliteReceiptStore(site.LedgerPath);
        var entries = await store.ReadAsync("shop", cancellationToken: Token).ToListAsync(Token);
        Assert.Equal(2, entries.Count);
        var first = JsonDocument.Parse(entries[0].Receipt).RootElement;
        Assert.Equal("US-CA", first.GetProperty("region").GetString());
        Assert.Equal("opt-out", first.GetProperty("model").GetString());
        var second = JsonDocument.Parse(entries[1].Receipt).RootElement;
        Assert.False(second.TryGetProperty("region", out _));
        Assert.Equal("opt-in", second.GetProperty("model").GetString());
    }
}
