using System.Collections.Concurrent;
using Consentry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consentry.Browser.Tests;

/// <summary>
/// <c>consent.blocking: providers</c> in Chromium: a stand-in tag manager that ignores consent injects a marketing
/// provider's pixel, two scripts and a frame and calls it by fetch, XMLHttpRequest, beacon and WebSocket. Nothing
/// reaches the provider's host before consent, everything after acceptance (held scripts in document order), nothing
/// after withdrawal.
/// </summary>
public sealed class ProviderBlockingBrowserTests(BrowserFixture fixture)
{
    // The stand-in tag manager: fires on load and on every consentry_consent_update, as a tag manager trigger does,
    // but without looking at consent. Fire n records how each channel went in window.tm.fires[n].
    private const string TagManager = """
        window.tm = { fires: {} };
        addEventListener('message', function (e) { if (e.data === 'framed') window.framed = true; });
        (function () {
          var ads = document.currentScript.getAttribute('data-ads'), n = 0;
          function settle(rec, key, value) { rec[key] = value; if (Object.keys(rec).length === 4) rec.done = true; }
          function fire() {
            var k = ++n, rec = window.tm.fires[k] = {};
            if (k === 1) {
              new Image().src = ads + '/pixel';
              ['a', 'b'].forEach(function (name) { var s = document.createElement('script'); s.src = ads + '/' + name + '.js'; document.head.appendChild(s); });
              var f = document.createElement('iframe'); f.setAttribute('src', ads + '/frame'); document.body.appendChild(f);
              // A custom HTML tag, as Google Tag Manager adds one: parsed in a detached div, then moved into the page.
              var div = document.createElement('div'); div.innerHTML = '<img alt="" src="' + ads + '/custom-pixel">'; document.body.appendChild(div);
              document.body.insertAdjacentHTML('beforeend', '<img alt="" src="' + ads + '/adjacent-pixel">');
            }
            fetch(ads + '/f?' + k, { mode: 'no-cors' }).then(function () { settle(rec, 'fetch', 'sent'); }, function (e) { settle(rec, 'fetch', /Consentry/.test(e.message) ? 'blocked' : 'failed'); });
            var x = new XMLHttpRequest(); x.open('GET', ads + '/x?' + k);
            x.onload = function () { settle(rec, 'xhr', 'sent'); }; x.onerror = function () { settle(rec, 'xhr', 'blocked'); }; x.send();
            settle(rec, 'beacon', navigator.sendBeacon(ads + '/b?' + k, 'x') ? 'sent' : 'blocked');
            try { var ws = new WebSocket(ads.replace('http', 'ws') + '/ws?' + k); ws.onopen = function () { settle(rec, 'ws', 'sent'); ws.close(); }; ws.onerror = function () { settle(rec, 'ws', 'failed'); }; }
            catch (e) { settle(rec, 'ws', e.name === 'SecurityError' ? 'blocked' : 'failed'); }
          }
          var dl = window.dataLayer = window.dataLayer || [], push = dl.push;
          dl.forEach(function (e) { if (e && e.event === 'consentry_consent_update') fire(); });
          dl.push = function (e) { var r = push.apply(dl, arguments); if (e && e.event === 'consentry_consent_update') fire(); return r; };
        })();
        """;

    [Fact]
    public async Task NothingReachesARefusedProviderWhateverATagManagerAddsEverythingRunsAfterAcceptanceAndNothingAfterWithdrawal()
    {
        var hits = new ConcurrentQueue<string>();
        var bRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ads = await LoopbackApp.StartAsync(app => AdsHost(app, hits, bRequested));
        var adsOrigin = $"http://ads.localhost:{new Uri(ads.Urls.First()).Port}";
        await using var shop = await LoopbackApp.StartAsync(app =>
        {
            // The tags as ConsentrySite.ScriptTag gives them: preloads, blocker, banner.
            var tags = app.Services.GetRequiredService<ConsentrySite>().ScriptTag("");
            app.MapGet("/tm.js", () => Results.Text(TagManager, "text/javascript"));
            app.MapGet("/", () => Results.Content($"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
                {tags}
                <script src="/tm.js" data-ads="{adsOrigin}" async></script></head>
                <body><main><h1>Shop</h1></main></body></html>
                """, "text/html"));
        }, Yaml);
        var url = new Uri($"http://shop.localhost:{new Uri(shop.Urls.First()).Port}/");

        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(url);
        Assert.Equal(new[] { "blocked", "blocked", "blocked", "blocked" }, await OutcomesAsync(v, 1));
        Assert.Empty(hits);
        Assert.DoesNotContain(v.Requests, r => r.Contains("ads.localhost", StringComparison.Ordinal));
        // The two scripts, the frame and the two markup pixels wait in the page (the Image() pixel was never attached to it).
        Assert.Equal(5, await v.Page.Locator("[data-cy-src]").CountAsync());
        // The banner's fetches of its configuration and stylesheet were answered by the preloads: one request each.
        Assert.Single(v.Requests, r => r.EndsWith("/consentry/config.json", StringComparison.Ordinal));
        Assert.Single(v.Requests, r => r.EndsWith("/consentry/banner.css", StringComparison.Ordinal));

        await v.ClickAsync("Accept all");
        Assert.Equal(new[] { "sent", "sent", "sent", "sent" }, await OutcomesAsync(v, 2));
        await v.Page.WaitForFunctionAsync("() => window.order && window.order.length === 2 && window.framed");
        Assert.Equal(new[] { "a", "b" }, await v.Page.EvaluateAsync<string[]>("() => window.order"));
        await Eventually.UntilAsync(() => new[] { "/pixel", "/custom-pixel", "/adjacent-pixel", "/a.js", "/b.js", "/frame", "/f?2", "/x?2", "/b?2", "/ws?2" }.All(hits.Contains), "every held and new request after acceptance", TestContext.Current.CancellationToken);

        await v.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.ClickAsync("Reject all");
        Assert.Equal(new[] { "blocked", "blocked", "blocked", "blocked" }, await OutcomesAsync(v, 3));
        Assert.DoesNotContain(hits, h => h.EndsWith("?3", StringComparison.Ordinal));
        // The provider's frame is emptied: it can no longer call its host from inside.
        Assert.Equal(adsOrigin + "/frame", await v.Page.Locator("iframe").GetAttributeAsync("data-cy-src"));
        Assert.Null(await v.Page.Locator("iframe").GetAttributeAsync("src"));
    }

    /// <summary>
    /// A script tag in the page's own markup does not run before consent and runs after it. (Chromium's preload scanner
    /// may still fetch it early: docs/banner.md says so, and the consent-aware CSP stops that fetch too.)
    /// </summary>
    [Fact]
    public async Task AScriptTheParserMeetsAndAPixelInMarkupAreHeldUntilTheirProviderIsGranted()
    {
        var hits = new ConcurrentQueue<string>();
        await using var ads = await LoopbackApp.StartAsync(app => AdsHost(app, hits, new TaskCompletionSource()));
        // Without b.js, a.js answers after its 2 s: nothing here waits on that order.
        var adsOrigin = $"http://ads.localhost:{new Uri(ads.Urls.First()).Port}";
        await using var shop = await LoopbackApp.StartAsync(app => app.MapGet("/", () => Results.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
            <script src="/consentry/blocker.js"></script><script src="/consentry/banner.js" defer></script></head>
            <body><main><h1>Shop</h1><div id="late"></div></main>
            <script>document.getElementById('late').innerHTML = '<img alt="" src="{adsOrigin}/custom-pixel?markup">';</script>
            <script src="{adsOrigin}/a.js"></script></body></html>
            """, "text/html")), Yaml);
        var url = new Uri($"http://shop.localhost:{new Uri(shop.Urls.First()).Port}/");

        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(url);
        Assert.Null(await v.Page.EvaluateAsync<string[]?>("() => window.order || null"));
        Assert.Equal(1, await v.Page.Locator("script[data-cy-src]").CountAsync());
        // Markup assigned to innerHTML is read inert first: its pixel waits too (without that, it loads as it is parsed).
        Assert.Equal(1, await v.Page.Locator("img[data-cy-src]").CountAsync());
        Assert.DoesNotContain("/custom-pixel?markup", hits);

        await v.ClickAsync("Accept all");
        await v.Page.WaitForFunctionAsync("() => window.order && window.order.length === 1");
        await Eventually.UntilAsync(() => hits.Contains("/custom-pixel?markup"), "the markup pixel after acceptance", TestContext.Current.CancellationToken);
    }

    /// <summary>What fire <paramref name="n"/> of the tag manager got on fetch, XMLHttpRequest, beacon and WebSocket.</summary>
    private static async Task<string[]> OutcomesAsync(Visit v, int n)
    {
        await v.Page.WaitForFunctionAsync($"() => window.tm && window.tm.fires[{n}] && window.tm.fires[{n}].done");
        return await v.Page.EvaluateAsync<string[]>($"() => ['fetch', 'xhr', 'beacon', 'ws'].map(k => window.tm.fires[{n}][k])");
    }

    /// <summary>
    /// The marketing provider's host. a.js answers only once b.js has been answered (or after 2 s): scripts released
    /// together, not one after the other, would run b before a.
    /// </summary>
    private static void AdsHost(WebApplication app, ConcurrentQueue<string> hits, TaskCompletionSource bRequested)
    {
        app.UseWebSockets();
        app.Use(async (c, next) =>
        {
            hits.Enqueue(c.Request.Path + c.Request.QueryString);
            c.Response.Headers.AccessControlAllowOrigin = "*";
            if (c.WebSockets.IsWebSocketRequest)
            {
                using var socket = await c.WebSockets.AcceptWebSocketAsync();
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", c.RequestAborted);
                return;
            }

            await next(c);
        });
        app.MapGet("/a.js", async () =>
        {
            await Task.WhenAny(bRequested.Task, Task.Delay(TimeSpan.FromSeconds(2)));
            return Results.Text("(window.order = window.order || []).push('a');", "text/javascript");
        });
        app.MapGet("/b.js", (HttpContext c) =>
        {
            c.Response.OnCompleted(() =>
            {
                bRequested.TrySetResult();
                return Task.CompletedTask;
            });
            return Results.Text("(window.order = window.order || []).push('b');", "text/javascript");
        });
        foreach (var pixel in new[] { "/pixel", "/custom-pixel", "/adjacent-pixel" })
        {
            app.MapGet(pixel, () => Results.Bytes(Convert.FromBase64String("R0lGODlhAQABAAAAACw="), "image/gif"));
        }
        app.MapGet("/frame", () => Results.Content("<!DOCTYPE html><p>ad</p><script>parent.postMessage('framed', '*');</script>", "text/html"));
        app.MapFallback(() => Results.NoContent());
    }

    private const string Yaml = """
        site: { name: Shop, domains: [shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          ads: { name: AdsCo, domains: [ads.localhost] }
        items:
          - { name: pb_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: ad_id, category: marketing, provider: ads, purpose: Advertising., duration: 13mo }
        consent: { cookie: pb_consent, settings_link: floating-button, blocking: providers }
        history: [{ date: 2026-11-01, summary: First. }]
        """;
}
