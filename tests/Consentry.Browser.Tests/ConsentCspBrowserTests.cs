using System.Collections.Concurrent;
using Consentry.AspNetCore;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Consentry.Browser.Tests;

/// <summary>The consent-aware Content-Security-Policy in Chromium: the browser itself keeps a refused provider's host unreached.</summary>
public sealed class ConsentCspBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ARefusedProvidersHostIsNeverReachedAndIsReportedAndAGrantedOneIs()
    {
        var hits = new ConcurrentQueue<string>();
        await using var stats = await LoopbackApp.StartAsync(app => app.Run(c =>
        {
            hits.Enqueue(c.Request.Path);
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
        var statsPort = new Uri(stats.Urls.First()).Port;
        var logs = new LogSink();
        await using var shop = await LoopbackApp.StartAsync(app => app.MapGet("/", () => Results.Content($$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
            <script src="/consentry/banner.js" defer></script></head>
            <body><main><h1>Shop</h1><script>
            addEventListener('load', () => {
              new Image().src = 'http://stats.localhost:{{statsPort}}/pixel';
              fetch('http://stats.localhost:{{statsPort}}/hit', { mode: 'no-cors' }).catch(() => {});
            });
            </script></main></body></html>
            """, "text/html")), Yaml, o => o.ConsentCsp = ConsentCspMode.Enforce, logs);
        var url = new Uri($"http://shop.localhost:{new Uri(shop.Urls.First()).Port}/");

        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(url);
        await v.Page.WaitForFunctionAsync("() => window.__csp.filter(x => x.includes('stats.localhost')).length >= 2");
        Assert.Empty(hits);
        await Eventually.UntilAsync(() => logs.Entries.Any(e => e.EventId == 7110 && e.Message.Contains("stats.localhost", StringComparison.Ordinal)), "the browser's report of the blocked host", TestContext.Current.CancellationToken);

        await v.ClickAsync("Accept all");
        await v.GoAsync(url);
        await Eventually.UntilAsync(() => hits.Contains("/pixel") && hits.Contains("/hit"), "the granted provider's pixel and fetch", TestContext.Current.CancellationToken);

        await v.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.ClickAsync("Reject all");
        var reached = hits.Count;
        await v.GoAsync(url);
        await v.Page.WaitForFunctionAsync("() => window.__csp.filter(x => x.includes('stats.localhost')).length >= 2");
        Assert.Equal(reached, hits.Count);
    }

    private const string Yaml = """
        site: { name: Shop, domains: [shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo, domains: [stats.localhost] }
        items:
          - { name: csp_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_*, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
        consent: { cookie: csp_consent, settings_link: floating-button }
        history: [{ date: 2026-11-01, summary: First. }]
        """;
}
