using System.Collections.Concurrent;
using Consentry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// <c>consent.blocking: providers</c> with <c>regions</c> in Chromium: the page's tags, made per request
/// (<c>ConsentrySite.ScriptTag(origin, request)</c>), tell the blocker what the visitor's region lets load before a
/// choice. A stand-in tag manager adds a statistics and an advertising script from their providers' hosts.
/// </summary>
public sealed class RegionBlockingBrowserTests(BrowserFixture fixture)
{
    private const string Yaml = """
        site: { name: Shop, domains: [shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo, domains: [stats.localhost] }
          ads: { name: AdsCo, domains: [ads.localhost] }
        items:
          - { name: rb_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_id, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
          - { name: ad_id, category: marketing, provider: ads, purpose: Targeted advertising., duration: 90d }
        consent: { cookie: rb_consent, settings_link: footer, blocking: providers, global_privacy_control: ignore }
        regions: { EEA: opt-in, US-PRIVACY: opt-out }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private sealed record Sites(WebApplication Shop, WebApplication Providers, Uri Url, ConcurrentQueue<string> Hits) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Shop.DisposeAsync();
            await Providers.DisposeAsync();
        }
    }

    private static async Task<Sites> StartAsync()
    {
        var hits = new ConcurrentQueue<string>();
        // One host answers for both providers' names (every *.localhost is loopback in Chromium) and notes who was asked.
        var providers = await LoopbackApp.StartAsync(app => app.MapGet("/{name}.js", (HttpContext c, string name) =>
        {
            hits.Enqueue(c.Request.Host.Host);
            return Results.Text($"window.{name}Ran = true;", "text/javascript");
        }));
        var port = new Uri(providers.Urls.First()).Port;
        var shop = await LoopbackApp.StartAsync(app =>
        {
            var site = app.Services.GetRequiredService<ConsentrySite>();
            string Page(string tag) => $$"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
                {{tag}}
                <script>['stats', 'ads'].forEach(function (p) { var s = document.createElement('script'); s.src = 'http://' + p + '.localhost:{{port}}/' + p + '.js'; document.head.appendChild(s); });</script>
                </head><body><main><h1>Shop</h1></main><footer><a href="#" data-consentry-open>Privacy choices</a></footer></body></html>
                """;
            app.MapGet("/", (HttpContext c) => Results.Content(Page(site.ScriptTag("", c)), "text/html"));
            // A page of another stack: the tag 'consentry serve' and the server print, made once for every visitor.
            var once = site.ScriptTag("");
            app.MapGet("/static", () => Results.Content(Page(once), "text/html"));
        }, Yaml, o =>
        {
            o.RegionHeaders = RegionHeaders.Cloudflare;
            o.RegionProxies.Add(TrustedProxies.Parse("127.0.0.0/8"));
        });
        return new Sites(shop, providers, new Uri($"http://shop.localhost:{new Uri(shop.Urls.First()).Port}/"), hits);
    }

    private static Dictionary<string, string> From(string country, string? subdivision = null) => subdivision is null
        ? new() { ["CF-IPCountry"] = country }
        : new() { ["CF-IPCountry"] = country, ["CF-Region-Code"] = subdivision };

    private static async Task WaitRanAsync(Visit v, string name) => await v.Page.WaitForFunctionAsync($"() => window.{name}Ran === true");

    private static Task<int> HeldAsync(Visit v, string host) => v.Page.Locator($"script[data-cy-src*=\"{host}\"]").CountAsync();

    [Fact]
    public async Task InCaliforniaTheBlockerLetsEveryProviderLoadUntilTheVisitorOptsOut()
    {
        await using var s = await StartAsync();
        await using var v = await Visit.StartAsync(fixture, headers: From("US", "CA"));
        await v.GoAsync(s.Url);
        await WaitRanAsync(v, "stats");
        await WaitRanAsync(v, "ads");
        Assert.Contains("ads.localhost", s.Hits);

        await v.ClickAsync("Do not sell or share my personal information");
        await v.GoAsync(s.Url);
        Assert.Equal(1, await HeldAsync(v, "stats.localhost"));
        Assert.Equal(1, await HeldAsync(v, "ads.localhost"));
        Assert.False(await v.Page.EvaluateAsync<bool>("() => window.statsRan === true"));
    }

    [Fact]
    public async Task InCaliforniaWithGlobalPrivacyControlTheAdvertiserNeverLoadsAndStatisticsDo()
    {
        await using var s = await StartAsync();
        await using var v = await Visit.StartAsync(fixture, gpc: true, headers: From("US", "CA"));
        await v.GoAsync(s.Url);
        await WaitRanAsync(v, "stats");
        Assert.Equal(1, await HeldAsync(v, "ads.localhost"));
        Assert.DoesNotContain("ads.localhost", s.Hits);
    }

    [Fact]
    public async Task InFranceAndFromAnUntrustedRegionNoProviderLoadsBeforeAChoice()
    {
        await using var s = await StartAsync();
        foreach (var headers in new[] { From("FR"), From("U$", "CA") })
        {
            await using var v = await Visit.StartAsync(fixture, headers: headers);
            await v.GoAsync(s.Url);
            await Assertions.Expect(v.Banner).ToBeVisibleAsync();
            Assert.Equal(1, await HeldAsync(v, "stats.localhost"));
            Assert.Equal(1, await HeldAsync(v, "ads.localhost"));
        }

        Assert.Empty(s.Hits);
    }

    [Fact]
    public async Task ATagMadeOnceForEveryVisitorLearnsTheRegionFromTheConfiguration()
    {
        await using var s = await StartAsync();
        var page = new Uri(s.Url, "/static");
        using (var http = new HttpClient())
        {
            Assert.DoesNotContain("data-cy-pre", await http.GetStringAsync(s.Shop.Urls.First() + "/static", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        await using (var california = await Visit.StartAsync(fixture, headers: From("US", "CA")))
        {
            await california.GoAsync(page);
            await WaitRanAsync(california, "stats");
            await WaitRanAsync(california, "ads");
        }

        await using (var gpc = await Visit.StartAsync(fixture, gpc: true, headers: From("US", "CA")))
        {
            await gpc.GoAsync(page);
            await WaitRanAsync(gpc, "stats");
            Assert.Equal(1, await HeldAsync(gpc, "ads.localhost"));
        }

        Assert.Single(s.Hits, h => h == "ads.localhost");
        await using var france = await Visit.StartAsync(fixture, headers: From("FR"));
        await france.GoAsync(page);
        await Assertions.Expect(france.Banner).ToBeVisibleAsync();
        Assert.Equal(1, await HeldAsync(france, "stats.localhost"));
        Assert.Equal(1, await HeldAsync(france, "ads.localhost"));
        Assert.Equal(2, s.Hits.Count(h => h == "stats.localhost"));
    }
}
