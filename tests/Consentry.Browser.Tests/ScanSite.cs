using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Consentry.Browser.Tests;

/// <summary>
/// The scanner's proof site, served on loopback under two names: <c>shop.localhost</c> (the site) and
/// <c>tracker.localhost</c> (a third party, another site to the browser). It holds the tricky cases: a
/// cookie set by a script after a delay, one only on a sub-page, one from a third-party iframe (and a
/// partitioned one), all three kinds of storage, an analytics script that runs before consent, a
/// redirect that sets a cookie, a page reachable only through sitemap.xml, a cookie asking for two
/// years, and one the browser must reject.
/// </summary>
internal static class ScanSite
{
    public const string Manifest = """
        site: { name: Scan shop, contact: { email: privacy@shop.example } }
        providers:
          google: { name: Google Analytics, privacy_policy: https://policies.google.com/privacy }
          tracker: { name: Tracker Inc., domains: [tracker.localhost] }
          cdn: { name: Fonts CDN, domains: [cdn.localhost] }
        items:
          - { name: sid, category: necessary, purpose: Keeps you signed in., duration: session }
          - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: _ga, category: analytics, provider: google, purpose: Visit statistics., duration: 13mo }
          - { name: late_c, category: functional, purpose: Set a moment after load., duration: 1h, party: third }
          - { name: forever, category: necessary, purpose: Remembers the load balancer node., duration: 13mo }
          - { name: tp_id, category: marketing, provider: tracker, purpose: Advertising id., duration: 1d, party: third }
          - { name: ls_key, type: localStorage, category: functional, purpose: Remembers the basket., duration: until-cleared }
          - { name: __hstc, category: necessary, purpose: Load balancing (declared wrongly on purpose)., duration: 13mo }
          - { name: never_set, category: functional, purpose: Declared but never set., duration: 1d }
        consent: { cookie: shop_consent, settings_link: floating-button }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    public static async Task<WebApplication> StartAsync(string ledgerFolder, CookieManifest manifest)
    {
        var app = BrowserFixture.ConsentrySite(manifest, Path.Combine(ledgerFolder, "scan-shop.db"));
        app.Use(async (context, next) =>
        {
            if (context.Request.Host.Host.StartsWith("tracker.", StringComparison.Ordinal))
            {
                // The third party: an embeddable frame that sets a cross-site cookie and a partitioned one.
                context.Response.Headers.Append("Set-Cookie", "tp_id=1; Path=/; Max-Age=86400; SameSite=None; Secure");
                context.Response.Headers.Append("Set-Cookie", "tp_part=1; Path=/; SameSite=None; Secure; Partitioned");
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!DOCTYPE html><html lang=\"en\"><title>Ad</title><p>Ad</p></html>");
                return;
            }

            await next(context);
        });

        app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "sid=abc; Path=/; HttpOnly; SameSite=Lax");
            c.Response.Headers.Append("Set-Cookie", "forever=1; Path=/; Max-Age=63072000");
            c.Response.Headers.Append("Set-Cookie", "bad_none=1; Path=/; SameSite=None");
            c.Response.Headers.Append("Set-Cookie", "__hstc=1; Path=/; Max-Age=600");
            return Page("Home", $$"""
                <a href="/about">About</a> <a href="/go">Offers</a>
                <iframe title="Ad" src="http://tracker.localhost:{{c.Request.Host.Port}}/frame"></iframe>
                <img alt="" src="http://cdn.localhost:{{c.Request.Host.Port}}/pixel.gif">
                <script>
                  document.cookie = '_ga=GA1.1.1.1; Path=/; Max-Age=34560000';
                  setTimeout(() => { document.cookie = 'late_c=1; Path=/; Max-Age=3600'; }, 400);
                  localStorage.setItem('ls_key', '1');
                  sessionStorage.setItem('ss_key', '1');
                  indexedDB.open('idb_store', 1);
                </script>
                """);
        });
        app.MapGet("/about", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "sub_c=1; Path=/; Max-Age=600");
            return Page("About", "<a href=\"/\">Home</a><script>document.cookie = '__utma=1.2.3; Path=/; Max-Age=600';</script>");
        });
        app.MapGet("/go", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "redir_c=1; Path=/; Max-Age=600");
            return Results.Redirect("/landing");
        });
        app.MapGet("/landing", () => Page("Landing", "<p>Offers</p><script>localStorage.setItem('<img src=x onerror=alert(1)>', '1');</script>"));
        // Cookies scripts ask to keep for two years, through document.cookie and the CookieStore API (linked from nowhere: scanned on its own).
        app.MapGet("/scripted", () => Page("Scripted", """
            <script>
              document.cookie = 'js_long=1; Path=/; Max-Age=63072000';
              cookieStore.set({ name: 'cs_long', value: '1', path: '/', expires: Date.now() + 800 * 864e5 });
            </script>
            """));
        // An offline-ready page: a service worker and a Cache Storage cache (linked from nowhere: scanned on its own).
        app.MapGet("/offline", () => Page("Offline", """
            <script>
              navigator.serviceWorker.register('/sw.js');
              caches.open('shop-v1').then(c => c.put('/offline', new Response('cached')));
            </script>
            """));
        app.MapGet("/sw.js", () => Results.Content("self.addEventListener('fetch', () => {});", "text/javascript"));
        app.MapGet("/hidden", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "hidden_c=1; Path=/; Max-Age=600");
            return Page("Hidden", "<p>Only in the sitemap.</p>");
        });
        app.MapGet("/sitemap.xml", (HttpContext c) => Results.Content($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>http://{c.Request.Host}/</loc></url>
              <url><loc>http://{c.Request.Host}/hidden</loc></url>
              <url><loc>http://elsewhere.example/not-this-site</loc></url>
            </urlset>
            """, "application/xml"));
        // Bad input: a page that never answers in time, one that never goes quiet, a huge one, a PDF, an off-site redirect.
        app.MapGet("/trouble", () => Page("Trouble", """
            <a href="/slow">slow</a> <a href="/busy">busy</a> <a href="/huge">huge</a> <a href="/file.pdf">pdf</a> <a href="/offsite">elsewhere</a> <a href="/stalled">stalled</a>
            """));
        // A page that answers at once but never finishes loading: an image that never arrives holds its load event.
        app.MapGet("/stalled", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "stalled_c=1; Path=/; Max-Age=600");
            return Page("Stalled", "<img src=\"/never.gif\" alt=\"\"><script>localStorage.setItem('stalled_ls', '1');</script>");
        });
        // Both stall forever: only the scanner's page timeout ends them, however fast or slow the machine is.
        app.MapGet("/never.gif", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Results.NoContent();
        });
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Page("Slow", "<p>Never.</p>");
        });
        app.MapGet("/busy", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "busy_c=1; Path=/; Max-Age=600");
            return Page("Busy", "<script>setInterval(() => fetch('/ping'), 150);</script>");
        });
        app.MapGet("/ping", () => Results.NoContent());
        app.MapGet("/pixel.gif", () => Results.Bytes(Convert.FromBase64String("R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="), "image/gif"));
        app.MapGet("/huge", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "huge_c=1; Path=/; Max-Age=600");
            return Page("Huge", string.Concat(Enumerable.Repeat("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n", 80_000)));
        });
        app.MapGet("/file.pdf", () => Results.Bytes("%PDF-1.4\n%%EOF\n"u8.ToArray(), "application/pdf"));
        app.MapGet("/offsite", (HttpContext c) => Results.Redirect($"http://elsewhere.localhost:{c.Request.Host.Port}/"));
        // A banner platform the scanner has no buttons for (iubenda's markup, German labels): autoconsent's rules operate it.
        app.MapGet("/iub", () => Results.Content("""
            <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Iub</title></head>
            <body><main><h1>Laden</h1></main>
            <div id="iubenda-cs-banner" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1rem">
              <p>Wir verwenden Cookies.</p>
              <button class="iubenda-cs-reject-btn">Nur notwendige</button>
              <button class="iubenda-cs-accept-btn">Einverstanden</button>
            </div>
            <script>
              const bar = document.getElementById('iubenda-cs-banner');
              const choose = (v) => { document.cookie = 'iub_choice=' + v + '; Path=/; Max-Age=3600'; bar.remove(); if (v === 'yes') document.cookie = 'iub_stats=1; Path=/; Max-Age=3600'; };
              if (document.cookie.includes('iub_choice=')) bar.remove();
              document.querySelector('.iubenda-cs-reject-btn').addEventListener('click', () => choose('no'));
              document.querySelector('.iubenda-cs-accept-btn').addEventListener('click', () => choose('yes'));
            </script></body></html>
            """, "text/html; charset=utf-8"));
        await app.StartAsync();
        return app;
    }

    private static IResult Page(string title, string body) => Results.Content($"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
        <script src="/consentry/banner.js" defer></script></head>
        <body><main><h1>{title}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8");
}
