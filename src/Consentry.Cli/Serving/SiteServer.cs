using Consentry.Ledger.Stores;
using System.Runtime.CompilerServices;
using System.Reflection;
using System.Security.Cryptography;
using Consentry.AspNetCore;
using Consentry.Cli.Demo;
using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.Cli.Serving;

/// <summary>Builds the web server behind <c>consentry serve</c>: hosted sites for any stack, or the demo.</summary>
internal static class SiteServer
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>What every hosted site shares: the ledger file, the per-client receipt rate, and the reverse proxies whose X-Forwarded-For is believed.</summary>
    /// <param name="LedgerPath">The SQLite ledger file.</param>
    /// <param name="ReceiptsPerMinute">Receipts one client may post per minute.</param>
    /// <param name="Postgres">A PostgreSQL connection string instead of the file.</param>
    /// <param name="TrustedProxies">Proxies whose forwarded headers are believed.</param>
    /// <param name="ConsentCsp">The consent-aware Content-Security-Policy on the pages served here (the demo's).</param>
    /// <param name="SigningKey">The ledger's checkpoint signing key file; null: ledger.key beside the SQLite ledger, created on first start (none with PostgreSQL).</param>
    /// <param name="Drift">The demo only: ClaimCMR's pages also set an undeclared cookie (<see cref="DriftCookie"/>) before any choice, as a site that drifted from its manifest does.</param>
    internal sealed record Settings(string? LedgerPath = null, int ReceiptsPerMinute = 60, string? Postgres = null, IReadOnlyList<System.Net.IPNetwork>? TrustedProxies = null, bool Drift = false, string? SigningKey = null, ConsentCspMode ConsentCsp = ConsentCspMode.Off)
    {
        /// <summary>The headers a visitor's region is read from (<c>--region-headers</c>), or null: every visitor opt-in.</summary>
        public RegionHeaders? RegionHeaders { get; init; }

        /// <summary>The proxies region headers are believed from (<c>--region-proxy</c>).</summary>
        public IReadOnlyList<System.Net.IPNetwork> RegionProxies { get; init; } = [];
    }

    /// <summary>
    /// The cookie a drifted demo sets on ClaimCMR's pages: a 90-day marketing-style id its manifest does not declare,
    /// marked essential by the page's code (the mistake that lets it past ASP.NET Core's consent check).
    /// </summary>
    internal static readonly DemoCookie DriftCookie = new("promo_ref", "spring-campaign", TimeSpan.FromDays(90), HttpOnly: false, Secure: false, SameSiteMode.Lax, MarkedEssential: true);

    /// <summary>The demo: each reference site on its own <c>&lt;id&gt;.localhost</c> origin, an index page on any other host.</summary>
    public static WebApplication Demo(string urls, TextWriter log, Settings? settings = null)
    {
        settings ??= new Settings();
        // The drift switch starts as --drift says and is flipped at run time from the index page (POST /demo/drift).
        var drift = new StrongBox<bool>(settings.Drift);
        var sites = DemoSites.All.Select(d => (Site: d, Manifest: LoadEmbedded(d.Id))).ToList();
        var registry = new ConsentrySites();
        var builder = CreateBuilder(urls, registry, settings);
        var app = Build(builder);
        foreach (var (site, manifest) in sites)
        {
            var host = site.Id + ".localhost";
            registry.Add(new ConsentrySite(manifest, "/consentry", site.Id), c => c.Request.Host.Host.Equals(host, StringComparison.OrdinalIgnoreCase));
        }

        app.UseConsentryEnforcement();
        foreach (var site in registry.All)
        {
            var id = sites.Single(s => s.Manifest == site.Manifest).Site.Id;
            app.MapConsentrySite(site).RequireHost(id + ".localhost", id + ".localhost:*");
        }

        app.MapGet("/demo-assets/{name}", (string name) => Asset(name));
        foreach (var (site, manifest) in sites)
        {
            foreach (var page in site.Pages)
            {
                app.MapGet(page.Path, (HttpContext c) =>
                {
                    foreach (var cookie in Volatile.Read(ref drift.Value) && site.Id == "claimcmr" ? page.Cookies.Append(DriftCookie) : page.Cookies)
                    {
                        c.Response.Cookies.Append(cookie.Name, cookie.Value, cookie.Options());
                    }

                    var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
                    c.Response.Headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
                    return Results.Content(DemoHtml.Page(site, manifest, page, nonce), "text/html; charset=utf-8");
                }).RequireHost(site.Id + ".localhost", site.Id + ".localhost:*");
            }

            foreach (var extra in new[] { "/privacy", "/terms" })
            {
                app.MapGet(extra, () => Results.Content($"<!DOCTYPE html><html lang=\"en\"><title>{manifest.Site.Name}</title><p>This demo has no {extra[1..]} page; the cookie policy is at <a href=\"/consentry/policy\">/consentry/policy</a>.</p></html>", "text/html; charset=utf-8"))
                    .RequireHost(site.Id + ".localhost", site.Id + ".localhost:*");
            }
        }

        app.MapPost("/ingest", () => Results.NoContent()).RequireHost("claimcmr.localhost", "claimcmr.localhost:*");
        app.MapGet("/", (HttpContext c) => Results.Content(DemoHtml.Index(sites, c.Request.Host.Port ?? 80, Volatile.Read(ref drift.Value)), "text/html; charset=utf-8"));
        app.MapPost("/demo/drift", () =>
        {
            Volatile.Write(ref drift.Value, !Volatile.Read(ref drift.Value));
            log.WriteLine(drift.Value ? $"Drift on: ClaimCMR's pages now set the undeclared '{DriftCookie.Name}' cookie." : "Drift off: ClaimCMR sets only its declared cookies again.");
            return Results.Redirect("/");
        });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                var port = new Uri(address).Port;
                log.WriteLine($"Consentry demo on {address}/ — sites: {string.Join(", ", sites.Select(s => $"http://{s.Site.Id}.localhost:{port}/"))}");
            }

            log.WriteLine("Press Ctrl+C to stop.");
        });
        return app;
    }

    /// <summary>Sites for any stack: each folder of <paramref name="directory"/> with a cookies.yaml, served under <c>/sites/&lt;folder&gt;/</c>.</summary>
    public static WebApplication Sites(string directory, string urls, TextWriter log, Settings? settings = null)
    {
        var registry = new ConsentrySites();
        var builder = CreateBuilder(urls, registry, settings ?? new Settings());
        var app = Build(builder);
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, "cookies.yaml");
            if (!File.Exists(path))
            {
                continue;
            }

            var id = Path.GetFileName(folder);
            var manifest = ManifestLoader.Load(path).GetValidManifest();
            var prefix = "/sites/" + id;
            registry.Add(new ConsentrySite(manifest, prefix, id), c => c.Request.Path.StartsWithSegments(prefix));
        }

        if (!registry.All.Any())
        {
            throw new UsageException($"'{directory}' has no site: expected one folder per site, each with a cookies.yaml.");
        }

        app.UseConsentryEnforcement();
        app.MapConsentrySites("/sites");
        app.MapGet("/", (HttpContext c) => Results.Content(SitesIndex(registry.All, $"{c.Request.Scheme}://{c.Request.Host}"), "text/html; charset=utf-8"));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var site in registry.All)
            {
                log.WriteLine($"{site.Manifest.Site.Name}: {site.ScriptTag(app.Urls.First())}");
            }

            log.WriteLine("Press Ctrl+C to stop.");
        });
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string urls, ConsentrySites registry, Settings settings)
    {
        var builder = WebHosts.CreateBuilder();
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddConsentrySites(registry, o =>
        {
            o.LedgerPath = settings.LedgerPath;
            o.LedgerConnectionString = settings.Postgres;
            o.ReceiptsPerMinutePerClient = settings.ReceiptsPerMinute;
            o.LedgerSigningKey = Environment.GetEnvironmentVariable("CONSENTRY_LEDGER_KEY") is { Length: > 0 } secret ? secret : null;
            o.LedgerSigningKeyPath = settings.SigningKey ?? (settings.Postgres is null ? LedgerPaths.DefaultSigningKey(settings.LedgerPath ?? LedgerPaths.DefaultDatabase()) : null);
            o.CreateLedgerSigningKey = settings.SigningKey is null;
            o.ConsentCsp = settings.ConsentCsp;
            o.RegionHeaders = settings.RegionHeaders;
            foreach (var proxy in settings.RegionProxies)
            {
                o.RegionProxies.Add(proxy);
            }
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the proxies named with --trusted-proxy; not even loopback by default, so no client can pose as another.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in settings.TrustedProxies ?? [])
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>Builds the app; behind trusted proxies, the client address (rate limits) and scheme come from their forwarded headers.</summary>
    private static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }


    private static string SitesIndex(IEnumerable<ConsentrySite> sites, string origin) =>
        "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Consentry</title><h1>Consentry sites</h1><ul>" +
        string.Concat(sites.Select(s => $"<li>{System.Net.WebUtility.HtmlEncode(s.Manifest.Site.Name)}: <code>{System.Net.WebUtility.HtmlEncode(s.ScriptTag(origin))}</code> · <a href=\"{s.PathBase}/policy\">policy</a></li>")) +
        "</ul></html>";

    private static CookieManifest LoadEmbedded(string id)
    {
        using var reader = new StreamReader(Resource($"demo/{id}/cookies.yaml"));
        return ManifestLoader.Parse(reader.ReadToEnd(), $"examples/{id}/cookies.yaml").GetValidManifest();
    }

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-assets/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
}
