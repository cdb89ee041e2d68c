using System.Text.Json;
using Consentry.AspNetCore;
using Consentry.Ledger.Stores;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// The banner in Chromium follows the consent model of the visitor's region, which the test's browser announces with
/// Cloudflare's headers (the loopback sender is the trusted proxy): what it shows, what runs before a choice, what
/// Global Privacy Control does, and what the receipt records.
/// </summary>
public sealed class RegionBannerBrowserTests(BrowserFixture fixture)
{
    private const string Yaml = """
        site: { name: Shop, domains: [shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo }
          ads: { name: AdsCo }
        items:
          - { name: rg_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_id, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
          - { name: ad_id, category: marketing, provider: ads, purpose: Targeted advertising., duration: 90d }
        consent: { cookie: rg_consent, settings_link: footer, global_privacy_control: ignore }
        regions: { EEA: opt-in, US-PRIVACY: opt-out, JP: none }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private const string Page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
        <script src="/consentry/banner.js" defer></script></head>
        <body><main><h1>Shop</h1>
        <script type="text/plain" data-consent="analytics" data-service="stats">window.statsRan = true; document.cookie = 'st_id=1; Path=/';</script>
        <script type="text/plain" data-consent="marketing" data-service="ads">window.adsRan = true; document.cookie = 'ad_id=1; Path=/';</script>
        </main><footer><a href="#" data-consentry-open>Privacy choices</a></footer></body></html>
        """;

    private static Dictionary<string, string> From(string country, string? subdivision = null) => subdivision is null
        ? new() { ["CF-IPCountry"] = country }
        : new() { ["CF-IPCountry"] = country, ["CF-Region-Code"] = subdivision };

    private static async Task<(WebApplication App, Uri Url, string Ledger)> StartAsync()
    {
        var ledger = Path.Combine(BrowserFixture.LedgerFolder, $"regions-{Guid.NewGuid():N}.db");
        var app = await LoopbackApp.StartAsync(a => a.MapGet("/", () => Results.Content(Page, "text/html")), Yaml, o =>
        {
            o.LedgerPath = ledger;
            o.RegionHeaders = RegionHeaders.Cloudflare;
            o.RegionProxies.Add(TrustedProxies.Parse("127.0.0.0/8"));
        });
        return (app, new Uri($"http://shop.localhost:{new Uri(app.Urls.First()).Port}/"), ledger);
    }

    private static async Task<JsonElement> LastReceiptAsync(string ledger, int count)
    {
        await Eventually.UntilAsync(async () =>
        {
            await using var store = new SqliteReceiptStore(ledger);
            return await store.ReadAsync("shop", cancellationToken: TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken) >= count;
        }, $"receipt {count} in the ledger", TestContext.Current.CancellationToken);
        await using var s = new SqliteReceiptStore(ledger);
        var entries = await s.ReadAsync("shop", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(entries[count - 1].Receipt).RootElement;
    }

    private static Task<bool> RanAsync(Visit v, string flag) => v.Page.EvaluateAsync<bool>($"() => window.{flag} === true");

    [Fact]
    public async Task InCaliforniaEverythingRunsUntilTheVisitorOptsOutAndTheReceiptSaysWhereAndUnderWhichModel()
    {
        var (app, url, ledger) = await StartAsync();
        await using var _ = app;
        await using var v = await Visit.StartAsync(fixture, headers: From("US", "CA"));
        await v.GoAsync(url);
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
        Assert.Contains("Your privacy choices", await v.Banner.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await RanAsync(v, "statsRan"));
        Assert.True(await RanAsync(v, "adsRan"));
        Assert.True(await v.HasCookieAsync("ad_id"));
        Assert.True(await v.Page.EvaluateAsync<bool>("() => window.consentry.get() === null"));

        await v.ClickAsync("Do not sell or share my personal information");
        Assert.False(await v.HasCookieAsync("ad_id"));
        Assert.False(await v.HasCookieAsync("st_id"));
        var receipt = await LastReceiptAsync(ledger, 1);
        Assert.Equal("US-CA", receipt.GetProperty("region").GetString());
        Assert.Equal("opt-out", receipt.GetProperty("model").GetString());
        Assert.Equal("reject-all", receipt.GetProperty("method").GetString());

        await v.GoAsync(url);
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.False(await RanAsync(v, "statsRan"));
    }

    [Fact]
    public async Task InCaliforniaGlobalPrivacyControlIsTheOptOutRecordedWithoutAskingAndMarketingNeverRuns()
    {
        var (app, url, ledger) = await StartAsync();
        await using var _ = app;
        await using var v = await Visit.StartAsync(fixture, gpc: true, headers: From("US", "CA"));
        await v.GoAsync(url);
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.True(await RanAsync(v, "statsRan"));
        Assert.False(await RanAsync(v, "adsRan"));
        Assert.False(await v.HasCookieAsync("ad_id"));
        var receipt = await LastReceiptAsync(ledger, 1);
        Assert.Equal("gpc", receipt.GetProperty("method").GetString());
        Assert.False(receipt.GetProperty("categories").GetProperty("marketing").GetBoolean());
        Assert.True(receipt.GetProperty("categories").GetProperty("analytics").GetBoolean());
        Assert.Equal("opt-out", receipt.GetProperty("model").GetString());
    }

    [Fact]
    public async Task InFranceAndForASpoofedRegionNothingRunsBeforeAChoice()
    {
        var (app, url, ledger) = await StartAsync();
        await using var _ = app;
        await using (var v = await Visit.StartAsync(fixture, headers: From("FR")))
        {
            await v.GoAsync(url);
            await Assertions.Expect(v.Banner).ToBeVisibleAsync();
            Assert.False(await RanAsync(v, "statsRan"));
            Assert.False(await v.HasCookieAsync("st_id"));
            await v.ClickAsync("Accept all");
            Assert.True(await RanAsync(v, "statsRan"));
            var receipt = await LastReceiptAsync(ledger, 1);
            Assert.Equal("FR", receipt.GetProperty("region").GetString());
            Assert.Equal("opt-in", receipt.GetProperty("model").GetString());
        }

        // A visitor's own "I am in California" (a malformed code) is no trusted region: opt-in.
        await using var spoofed = await Visit.StartAsync(fixture, headers: From("U$", "CA"));
        await spoofed.GoAsync(url);
        await Assertions.Expect(spoofed.Banner).ToBeVisibleAsync();
        Assert.False(await RanAsync(spoofed, "statsRan"));
    }

    [Fact]
    public async Task InARegionWithoutABannerEverythingRunsAndTheSettingsStillOpen()
    {
        var (app, url, _) = await StartAsync();
        await using var __ = app;
        await using var v = await Visit.StartAsync(fixture, headers: From("JP"));
        await v.GoAsync(url);
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.True(await RanAsync(v, "statsRan"));
        Assert.True(await RanAsync(v, "adsRan"));
        await v.Page.GetByText("Privacy choices").ClickAsync();
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
    }
}
