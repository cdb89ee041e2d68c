using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests;

/// <summary>A real Kestrel server on a free loopback port running Consentry and a few endpoints that set cookies.</summary>
internal sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSite(WebApplication app, Uri address, LogSink logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The SQLite ledger file this site writes receipts to (in its own scratch folder).</summary>
    public string LedgerPath { get; private init; } = "";

    public static async Task<TestSite> StartAsync(string manifestPath, Action<ConsentryOptions>? configure = null, string environment = "Production", Action<WebApplication>? first = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        var ledger = Path.Combine(Path.GetTempPath(), $"consentry-test-{Guid.NewGuid():N}", "ledger.db");
        builder.Services.AddConsentry(o =>
        {
            o.ManifestPath = manifestPath;
            o.LedgerPath = ledger;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        first?.Invoke(app);
        app.UseConsentry();
        app.MapGet("/set", (HttpContext c, string names, bool? essential) =>
        {
            foreach (var name in names.Split(','))
            {
                c.Response.Cookies.Append(name, "v", new CookieOptions { Path = "/", Secure = name.StartsWith("__", StringComparison.Ordinal), IsEssential = essential == true });
            }

            return "ok";
        });
        app.MapGet("/consent", (HttpContext c) =>
        {
            var s = c.GetConsent();
            return new { s.HasChoice, categories = s.Categories.Order(StringComparer.Ordinal), services = s.Services.Order(StringComparer.Ordinal), s.Method, s.Revision, s.LeafIndex };
        });
        app.MapGet("/signed-in", async (HttpContext c, string account) =>
        {
            var outcome = (await c.LinkConsentAsync(account, c.RequestAborted)).Outcome;
            var s = c.GetConsent();
            return new { outcome = outcome.ToString(), s.ConsentId, categories = s.Categories.Order(StringComparer.Ordinal), services = s.Services.Order(StringComparer.Ordinal), s.Method, s.LeafIndex };
        });
        app.MapGet("/region", (HttpContext c) => new { region = c.GetVisitorRegion()?.Code, model = c.GetConsentModel().ToString() });
        app.MapGet("/tracking", (HttpContext c) =>
        {
            var f = c.Features.Get<Microsoft.AspNetCore.Http.Features.ITrackingConsentFeature>()!;
            return new { f.IsConsentNeeded, f.HasConsent, f.CanTrack };
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestSite(app, new Uri(address), logs) { LedgerPath = ledger };
    }

    public static string Example(string site) => RepoPaths.Example(site);

    /// <summary>The value of a consent cookie as the banner writes it.</summary>
    public static string ConsentCookie(int revision, string[] categories, string[] services, long changed = 1764000000000) =>
        Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(new { v = 1, id = "0123456789abcdef0123456789abcdef", r = revision, c = categories, s = services, t = 1764000000000, u = changed, m = "custom", l = "en" }));

    public async Task<string[]> SetCookiesAsync(string names, string? cookieHeader = null, bool essential = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/set?names=" + Uri.EscapeDataString(names) + (essential ? "&essential=true" : ""));
        if (cookieHeader is not null)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Path.GetDirectoryName(LedgerPath) is { } dir && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
