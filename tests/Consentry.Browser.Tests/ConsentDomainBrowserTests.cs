using System.Text.Json;
using Consentry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// <c>consent.domain</c> in Chromium: one choice on <c>a.shop.localhost</c> and <c>b.shop.localhost</c> (Chromium maps
/// every <c>*.localhost</c> to loopback), an older host-only consent cookie replaced by the domain-wide one, and a
/// refusal that removes non-essential cookies set on the parent domain.
/// </summary>
public sealed class ConsentDomainBrowserTests(BrowserFixture fixture)
{
    private const string Cookie = "sd_consent";

    [Fact]
    public async Task OneChoiceCountsOnEverySubdomainAndAnOlderHostOnlyCookieGivesWayToIt()
    {
        await using var shop = await StartAsync();
        var port = new Uri(shop.Urls.First()).Port;
        var a = new Uri($"http://a.shop.localhost:{port}/");
        var b = new Uri($"http://b.shop.localhost:{port}/");
        await using var v = await Visit.StartAsync(fixture);

        // A choice made on a yesterday, before the site set consent.domain: a host-only cookie granting analytics.
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        var before = JsonSerializer.Serialize(new { v = 1, id = "019a0000000000000000000000000042", r = 1, c = new[] { "necessary", "analytics" }, s = new[] { "stats" }, t = yesterday, u = yesterday, m = "accept-all", l = "en" });
        await v.Context.AddCookiesAsync([new Cookie { Name = Cookie, Value = Uri.EscapeDataString(before), Domain = "a.shop.localhost", Path = "/" }]);
        await v.GoAsync(a);
        Assert.Equal(0, await v.Banner.CountAsync());
        var consent = Assert.Single(await v.CookiesAsync(), c => c.Name == Cookie);
        Assert.Equal(".shop.localhost", consent.Domain);
        // It still expires when the choice does (the consent lifetime after it was made), not a lifetime after this visit.
        var config = JsonDocument.Parse(await FetchAsync(v, "/consentry/config.json")).RootElement;
        var expires = (yesterday / 1000.0) + (config.GetProperty("cookie").GetProperty("days").GetInt32() * 86400.0);
        // Playwright reports the expiry as a float (128 s steps at this magnitude); a lifetime from this visit would be a day later.
        Assert.True(Math.Abs(consent.Expires - expires) < 300, $"expires {consent.Expires}, expected {expires}");
        Assert.Equal("shop.localhost", config.GetProperty("cookie").GetProperty("domain").GetString());
        Assert.Contains("019a0000000000000000000000000042", Uri.UnescapeDataString(consent.Value), StringComparison.Ordinal);

        // On b: the same choice, on the page and on the server.
        await v.GoAsync(b);
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.Equal("019a0000000000000000000000000042", await v.Page.EvaluateAsync<string>("() => window.consentry.get().id"));
        Assert.Contains("analytics", await FetchAsync(v, "/consent"), StringComparison.Ordinal);

        // Analytics sets a cookie for the whole domain; refusing on b removes it, and a sees the refusal.
        await v.Page.EvaluateAsync("() => { document.cookie = 'st_visit=1; Path=/; Domain=shop.localhost'; }");
        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.ClickAsync("Reject all");
        Assert.DoesNotContain(await v.CookiesAsync(), c => c.Name == "st_visit");
        await v.GoAsync(a);
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.Equal(new[] { "necessary" }, await v.Page.EvaluateAsync<string[]>("() => window.consentry.get().c"));
        Assert.DoesNotContain("analytics", await FetchAsync(v, "/consent"), StringComparison.Ordinal);
        Assert.Single(await v.CookiesAsync(), c => c.Name == Cookie);
    }

    [Fact]
    public async Task OfAHostOnlyAndADomainCookieTheLaterChoiceCountsOnThePageAndOnTheServer()
    {
        await using var shop = await StartAsync();
        var a = new Uri($"http://a.shop.localhost:{new Uri(shop.Urls.First()).Port}/");
        await using var v = await Visit.StartAsync(fixture);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string Choice(string id, long u, params string[] categories) => Uri.EscapeDataString(JsonSerializer.Serialize(new { v = 1, id, r = 1, c = categories, s = Array.Empty<string>(), t = u, u, m = "custom", l = "en" }));

        // The host-only cookie is older, so the browser sends it first; the domain-wide one holds the later refusal.
        await v.Context.AddCookiesAsync([new Cookie { Name = Cookie, Value = Choice("019a00000000000000000000000000a1", now - 7_200_000, "necessary", "analytics"), Domain = "a.shop.localhost", Path = "/" }]);
        await v.Context.AddCookiesAsync([new Cookie { Name = Cookie, Value = Choice("019a00000000000000000000000000b2", now - 3_600_000, "necessary"), Domain = ".shop.localhost", Path = "/" }]);
        var server = await v.Page.GotoAsync(new Uri(a, "/consent").ToString());
        Assert.Equal("necessary", await server!.TextAsync());

        await v.GoAsync(a);
        Assert.Equal("019a00000000000000000000000000b2", await v.Page.EvaluateAsync<string>("() => window.consentry.get().id"));
        var left = Assert.Single(await v.CookiesAsync(), c => c.Name == Cookie);
        Assert.Equal(".shop.localhost", left.Domain);
    }

    /// <summary>
    /// A same-origin fetch from the page, with its cookies (Playwright's own request client cannot resolve *.localhost).
    /// <c>/consent</c> answers the categories the ASP.NET Core middleware read (HttpContext.GetConsent()).
    /// </summary>
    private static Task<string> FetchAsync(Visit v, string path) => v.Page.EvaluateAsync<string>("p => fetch(p).then(r => r.text())", path);

    private const string Yaml = """
        site: { name: Shop, domains: [a.shop.localhost, b.shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo }
        items:
          - { name: sd_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_visit, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
        consent: { cookie: sd_consent, settings_link: floating-button, domain: shop.localhost }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private static Task<WebApplication> StartAsync() => LoopbackApp.StartAsync(app =>
    {
        var tags = app.Services.GetRequiredService<ConsentrySite>().ScriptTag("");
        app.MapGet("/", () => Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>{tags}</head>
            <body><main><h1>Shop</h1></main></body></html>
            """, "text/html"));
        app.MapGet("/consent", (HttpContext c) => string.Join(",", c.GetConsent().Categories.Order(StringComparer.Ordinal)));
    }, Yaml);
}
