using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>Cache Storage caches and service workers are declared like any item, and the banner removes them when their category is withdrawn.</summary>
public sealed class OfflineStorageCleanupTests(BrowserFixture fixture)
{
    private const string Manifest = """
        site: { name: Offline shop, contact: { email: privacy@shop.example } }
        items:
          - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: offline-*, type: cacheStorage, category: functional, purpose: Pages kept for reading offline., duration: until-cleared }
          - { name: /sw.js, type: serviceWorker, category: functional, purpose: Serves the pages kept for offline reading., duration: until-cleared }
        consent: { cookie: shop_consent, settings_link: floating-button }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    [Fact]
    public async Task WithdrawingACategoryDeletesItsCachesAndUnregistersItsServiceWorker()
    {
        var manifest = ManifestLoader.Parse(Manifest, "offline.yaml").GetValidManifest();
        await using var app = BrowserFixture.ConsentrySite(manifest, Path.Combine(BrowserFixture.LedgerFolder, "offline.db"));
        app.MapGet("/", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Offline shop</title>
            <script src="/consentry/banner.js" defer></script></head><body><main><h1>Offline shop</h1></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapGet("/sw.js", () => Results.Content("self.addEventListener('fetch', () => {});", "text/javascript"));
        await app.StartAsync(TestContext.Current.CancellationToken);

        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(app.Urls.First()));
        await v.ClickAsync("Accept all");
        await v.Page.EvaluateAsync("""
            async () => {
              await navigator.serviceWorker.register('/sw.js');
              await navigator.serviceWorker.ready;
              await caches.open('offline-v1');
              await caches.open('unrelated');
            }
            """);
        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Functional", Exact = true }).UncheckAsync();
        await v.ClickAsync("Save choices");

        // The banner deletes asynchronously: wait for it (the outer limit only catches a hang).
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        string state;
        while ((state = await v.Page.EvaluateAsync<string>("async () => (await caches.keys()).join(',') + '|' + (await navigator.serviceWorker.getRegistrations()).length")) != "unrelated|0")
        {
            await Task.Delay(100, hang.Token);
        }

        Assert.Equal("unrelated|0", state);
    }
}
