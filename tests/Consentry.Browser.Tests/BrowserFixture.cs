using Consentry.AspNetCore;
using Consentry.Cli.Serving;
using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Consentry.Browser.Tests.BrowserFixture))]

namespace Consentry.Browser.Tests;

/// <summary>
/// One real Chromium (the system's, driven by Playwright) and two real servers on loopback for all
/// browser tests: the <c>consentry serve --demo</c> app, and a small ASP.NET Core site whose manifest
/// has marketing and analytics, for Global Privacy Control, embeds and languages.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private WebApplication? _demo;
    private WebApplication? _custom;
    private WebApplication? _scan;

    public IBrowser Browser { get; private set; } = null!;

    public int DemoPort { get; private set; }

    public Uri CustomSite { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    /// <summary>Where the test servers keep their ledgers (removed afterwards).</summary>
    public static string LedgerFolder { get; } = Directory.CreateTempSubdirectory("consentry-browser-").FullName;

    /// <summary>The demo server's SQLite ledger.</summary>
    public static string DemoLedger { get; } = Path.Combine(LedgerFolder, "demo.db");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run 'bash scripts/test.sh', which installs it (apt-get install chromium).");
        }

        Directory.CreateDirectory(Screenshots);
        // Expectations wait for their condition; the ceiling only catches a hang on a busy machine.
        Assertions.SetDefaultExpectTimeout(Visit.HangLimitMs);
        _demo = SiteServer.Demo("http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(DemoLedger));
        await _demo.StartAsync();
        DemoPort = new Uri(_demo.Urls.First()).Port;
        _custom = await StartCustomSiteAsync();
        CustomManifest = ShopManifest;
        CustomSite = new Uri(_custom.Urls.First());
        ScanManifest = ManifestLoader.Parse(ScanSite.Manifest, "scan-shop.yaml").GetValidManifest();
        _scan = await ScanSite.StartAsync(LedgerFolder, ScanManifest);
        ScanShop = new Uri($"http://shop.localhost:{new Uri(_scan.Urls.First()).Port}/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP *.localhost 127.0.0.1",
            ],
        });
    }

    public Uri Demo(string site, string path = "/") => new($"http://{site}.localhost:{DemoPort}{path}");

    /// <summary>The custom site's manifest, for scans of it.</summary>
    public Consentry.Manifests.CookieManifest CustomManifest { get; private set; } = null!;

    /// <summary>The scanner's proof site (see <see cref="ScanSite"/>) and its manifest.</summary>
    public Uri ScanShop { get; private set; } = null!;

    public Consentry.Manifests.CookieManifest ScanManifest { get; private set; } = null!;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in new[] { _demo, _custom, _scan })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(LedgerFolder, recursive: true);
    }

    private static Consentry.Manifests.CookieManifest ShopManifest { get; set; } = null!;

    /// <summary>An ASP.NET Core app on a free loopback port with Consentry added for <paramref name="manifest"/>; the caller maps its pages.</summary>
    internal static WebApplication ConsentrySite(Consentry.Manifests.CookieManifest manifest, string ledger)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddConsentry(o =>
        {
            o.Manifest = manifest;
            o.LedgerPath = ledger;
        });
        var app = builder.Build();
        app.UseConsentry();
        return app;
    }

    private readonly SemaphoreSlim _proofGate = new(1, 1);
    private Consentry.Scanner.ScanResult? _proofScan;

    /// <summary>One scan of the proof site (with the Open Cookie Database copy), shared by the tests that read it.</summary>
    public async Task<Consentry.Scanner.ScanResult> ProofScanAsync()
    {
        await _proofGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _proofScan ??= await Consentry.Scanner.Scan.RunAsync(
                new Consentry.Scanner.ScanOptions { Url = ScanShop, MaxPages = 10, CookieDatabase = RepoPaths.OpenCookieDatabaseCopy, BrowserArgs = ["--host-resolver-rules=MAP *.localhost 127.0.0.1"] },
                ScanManifest, TestContext.Current.CancellationToken);
        }
        finally
        {
            _proofGate.Release();
        }
    }

    private static async Task<WebApplication> StartCustomSiteAsync()
    {
        const string manifest = """
            site: { name: Shop, contact: { email: privacy@shop.example }, languages: [de, fr, ar] }
            providers:
              ads: { name: AdNetwork, privacy_policy: https://ads.example/privacy }
              stats: { name: StatsCo }
              video: { name: VideoHost }
            items:
              - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
              - { name: ad_id, category: marketing, provider: ads, purpose: Targeted advertising., duration: 90d }
              - { name: st_*, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
              - { name: vid_pref, type: localStorage, category: functional, provider: video, purpose: Remembers video volume., duration: until-cleared }
            consent: { cookie: shop_consent, settings_link: floating-button, global_privacy_control: honour }
            history:
              - { date: 2026-11-01, summary: First. }
              - date: 2026-11-20
                summary: { en: Video volume is now kept only with functional consent., de: Die Videolautstärke wird nur noch mit Einwilligung in funktionale Cookies gespeichert., fr: Le volume vidéo n'est conservé qu'avec votre consentement fonctionnel., ar: لا يُحفظ مستوى صوت الفيديو إلا بموافقتك على الملفات الوظيفية. }
            """;
        var parsed = ManifestLoader.Parse(manifest, "shop.yaml").GetValidManifest();
        ShopManifest = parsed;
        var app = ConsentrySite(parsed, Path.Combine(LedgerFolder, "shop.db"));
        app.MapGet("/", (string? lang) => Results.Content($$"""
            <!DOCTYPE html><html lang="{{lang ?? "en"}}"><head><meta charset="utf-8"><title>Shop</title>
            <script src="/consentry/banner.js" data-gcm defer></script></head>
            <body><main><h1>Shop</h1>
            <iframe title="Product video" data-consent="functional" data-service="video" data-src="/video"></iframe>
            </main>
            <script type="text/plain" data-consent="marketing" data-service="ads">document.cookie = 'ad_id=1; Path=/'; window.adsRan = true;</script>
            <script type="text/plain" data-consent="analytics">document.cookie = 'st_visit=1; Path=/'; window.statsRan = true;</script>
            </body></html>
            """, "text/html; charset=utf-8"));
        // A page with a stand-in tag manager, loaded after the banner as the docs ask: it reads the dataLayer the way
        // Google's tags do (a command only from an Arguments object, an event from an object with 'event'; arrays ignored).
        app.MapGet("/gtm", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tags</title>
            <script src="/consentry/banner.js" data-gcm defer></script>
            <script src="/gtm.js" defer></script></head>
            <body><main><h1>Tags</h1></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapGet("/gtm.js", () => Results.Content("""
            window.gtmSeen = { commands: [], events: [], ignored: 0 };
            function handle(e) {
              if (Object.prototype.toString.call(e) === '[object Arguments]') gtmSeen.commands.push(Array.prototype.slice.call(e));
              else if (e && typeof e === 'object' && !Array.isArray(e) && e.event) gtmSeen.events.push(e);
              else gtmSeen.ignored++;
            }
            window.dataLayer = window.dataLayer || [];
            window.dataLayer.forEach(handle);
            const push = window.dataLayer.push;
            window.dataLayer.push = function () { for (const e of arguments) handle(e); return push.apply(window.dataLayer, arguments); };
            """, "text/javascript"));
        app.MapGet("/leaky", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Leaky</title>
            <script src="/consentry/banner.js" defer></script>
            <script>document.cookie = 'st_early=1; Path=/; Max-Age=86400'; localStorage.setItem('tracker_id', 'x');</script></head>
            <body><main><h1>Leaky</h1><a href="/leaky/deeper">deeper</a></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapGet("/leaky/deeper", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Deeper</title>
            <script src="/consentry/banner.js" defer></script>
            <script>document.cookie = '_ga=GA1.1.1.1; Path=/; Max-Age=34560000';</script></head>
            <body><main><h1>Deeper</h1></main></body></html>
            """, "text/html; charset=utf-8"));
        // A library that arrives late, and inline code below it that uses it: released by consent, they must run in this order.
        app.MapGet("/ordered", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ordered</title>
            <script src="/consentry/banner.js" defer></script></head>
            <body><main><h1>Ordered</h1></main>
            <script type="text/plain" data-consent="analytics" src="/late-lib.js"></script>
            <script type="text/plain" data-consent="analytics">window.order = (window.order || []).concat(['inline sees ' + typeof window.lateLib]);</script>
            </body></html>
            """, "text/html; charset=utf-8"));
        app.MapGet("/late-lib.js", async () =>
        {
            await Task.Delay(300);
            return Results.Content("window.lateLib = {}; window.order = (window.order || []).concat(['library']);", "text/javascript");
        });
        app.MapGet("/video", () => Results.Content("<!DOCTYPE html><html lang=\"en\"><title>Video</title><p>Video</p></html>", "text/html"));
        await app.StartAsync();
        return app;
    }
}
