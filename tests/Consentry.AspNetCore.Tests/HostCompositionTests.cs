using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests;

/// <summary>Consentry inside someone else's app: the host's cookie policy callbacks, rate limiter and pipeline style stay the host's.</summary>
public sealed class HostCompositionTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");

    private static async Task<(WebApplication App, HttpClient Client, string Ledger)> StartAsync(Action<WebApplicationBuilder> services, Action<WebApplication> pipeline)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var ledger = Path.Combine(Directory.CreateTempSubdirectory("consentry-host-").FullName, "ledger.db");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Consentry:ManifestPath"] = ClaimCmr,
            ["Consentry:LedgerPath"] = ledger,
            ["Consentry:PathBase"] = "/privacy",
            ["Consentry:ReceiptsPerMinutePerClient"] = "2",
        });
        services(builder);
        var app = builder.Build();
        pipeline(app);
        app.MapGet("/set", (HttpContext c) =>
        {
            c.Response.Cookies.Append("ph_id", "1");
            c.Response.Cookies.Append("session_token", "1", new CookieOptions { HttpOnly = true, Secure = true });
            return "ok";
        });
        app.MapGet("/set-many", (HttpContext c) =>
        {
            c.Response.Cookies.Append([new("ph_id", "1"), new("session_token", "1")], new CookieOptions());
            return "ok";
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) }, ledger);
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var v) ? v.ToList() : [];

    private static void AssertAnalyticsDroppedNecessaryKept(HttpResponseMessage response)
    {
        var cookies = SetCookies(response);
        Assert.DoesNotContain(cookies, c => c.StartsWith("ph_id=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("session_token=", StringComparison.Ordinal));
    }

    /// <summary>UseConsentry, and GET /layer answering the type of the response cookies feature the app's code gets.</summary>
    private static void UseConsentryShowingTheCookieLayer(WebApplication app)
    {
        app.UseConsentry();
        app.MapGet("/layer", (HttpContext c) => c.Features.Get<IResponseCookiesFeature>()!.GetType().Name);
    }

    private static async Task StopAsync(WebApplication app, HttpClient client, string ledger)
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(ledger)!, recursive: true);
    }

    [Fact]
    public async Task OptionsBoundFromConfigurationAreUsed()
    {
        var (app, client, ledger) = await StartAsync(b => b.Services.AddConsentry(b.Configuration.GetSection("Consentry")), a => a.UseConsentry());
        try
        {
            using var script = await client.GetAsync("/privacy/banner.js", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            using var old = await client.GetAsync("/consentry/banner.js", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task TheHostsOwnOnAppendCookieStillRunsBesideConsentrysDecision()
    {
        var seen = new List<string>();
        var (app, client, ledger) = await StartAsync(
            b =>
            {
                b.Services.AddConsentry(b.Configuration.GetSection("Consentry"));
                // Registered after AddConsentry, as a host would: Consentry's decision must not be lost, nor the host's callback.
                b.Services.Configure<CookiePolicyOptions>(o => o.OnAppendCookie = c => seen.Add(c.CookieName));
            },
            a => a.UseConsentry());
        try
        {
            using var response = await client.GetAsync("/set", TestContext.Current.CancellationToken);
            Assert.Equal(["ph_id", "session_token"], seen);
            AssertAnalyticsDroppedNecessaryKept(response);
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task AHostThatAsksAspNetCoreForConsentStillGetsConsentrysDecision()
    {
        // Old templates set CheckConsentNeeded = _ => true: ASP.NET Core's own check would drop every cookie not marked
        // essential, granted in Consentry's banner or not. For a Consentry site, Consentry's decision is the one that counts.
        var (app, client, ledger) = await StartAsync(
            b =>
            {
                b.Services.Configure<CookiePolicyOptions>(o => o.CheckConsentNeeded = _ => true);
                b.Services.AddConsentry(b.Configuration.GetSection("Consentry"));
            },
            a => a.UseConsentry());
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/set");
            request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var cookies = SetCookies(response);
            Assert.Contains(cookies, c => c.StartsWith("ph_id=", StringComparison.Ordinal));
            Assert.Contains(cookies, c => c.StartsWith("session_token=", StringComparison.Ordinal));
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task AHostWithNoCookiePolicyOfItsOwnGetsConsentrysLayerAloneWithTheSameDecisions()
    {
        // Nothing for ASP.NET Core's cookie policy to apply, so it is not installed (its wrapper would cost every request).
        var (app, client, ledger) = await StartAsync(b => b.Services.AddConsentry(b.Configuration.GetSection("Consentry")), UseConsentryShowingTheCookieLayer);
        try
        {
            Assert.Equal("ConsentedResponseCookies", await client.GetStringAsync("/layer", TestContext.Current.CancellationToken));
            using var response = await client.GetAsync("/set", TestContext.Current.CancellationToken);
            AssertAnalyticsDroppedNecessaryKept(response);
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task TheHostsSecurePolicyStillAppliesToTheCookiesConsentryLetsThrough()
    {
        var (app, client, ledger) = await StartAsync(
            b =>
            {
                b.Services.AddConsentry(b.Configuration.GetSection("Consentry"));
                b.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.Always);
            },
            UseConsentryShowingTheCookieLayer);
        try
        {
            Assert.NotEqual("ConsentedResponseCookies", await client.GetStringAsync("/layer", TestContext.Current.CancellationToken));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/set");
            request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Contains(SetCookies(response), c => c.StartsWith("ph_id=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task CookiesAppendedTogetherAreEachDecided()
    {
        var (app, client, ledger) = await StartAsync(b => b.Services.AddConsentry(b.Configuration.GetSection("Consentry")), a => a.UseConsentry());
        try
        {
            using var response = await client.GetAsync("/set-many", TestContext.Current.CancellationToken);
            AssertAnalyticsDroppedNecessaryKept(response);
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task TheHostsRateLimiterKeepsItsOwnRejectionAndReceiptsAreNotCountedTwice()
    {
        var (app, client, ledger) = await StartAsync(
            b =>
            {
                b.Services.AddConsentry(b.Configuration.GetSection("Consentry"));
                b.Services.AddRateLimiter(o =>
                {
                    o.RejectionStatusCode = StatusCodes.Status418ImATeapot;
                    o.AddPolicy("host", _ => RateLimitPartition.GetFixedWindowLimiter("all", _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1) }));
                });
            },
            a =>
            {
                a.UseRateLimiter();
                a.UseConsentry();
                a.MapGet("/limited", () => "ok").RequireRateLimiting("host");
            });
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/limited", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal((HttpStatusCode)418, (await client.GetAsync("/limited", TestContext.Current.CancellationToken)).StatusCode);

            var hash = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/privacy/config.json", TestContext.Current.CancellationToken)).RootElement.GetProperty("policyHash").GetString();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
            {
                var body = $$"""{"receiptId":"{{Guid.NewGuid():N}}","consentId":"{{new string('a', 32)}}","revision":1,"policyHash":"{{hash}}","categories":{"necessary":true,"analytics":false},"services":{"posthog":false},"method":"reject-all","language":"en","pageUrl":"https://claimcmr.com/"}""";
                using var response = await client.PostAsync("/privacy/receipts", new StringContent(body), TestContext.Current.CancellationToken);
                statuses.Add(response.StatusCode);
            }

            // Two a minute (from configuration), each counted once although the host runs its own rate limiter too.
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            await StopAsync(app, client, ledger);
        }
    }

    [Fact]
    public async Task AHostConfiguredThroughIApplicationBuilderGetsTheSameEndpointsAndEnforcement()
    {
        // A Startup-style host: Configure(IApplicationBuilder) with its own routing, no WebApplication.
        var ledger = Path.Combine(Directory.CreateTempSubdirectory("consentry-host-").FullName, "ledger.db");
        using var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .ConfigureLogging(l => l.ClearProviders())
                .UseKestrel()
                .UseUrls("http://127.0.0.1:0")
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    services.AddConsentry(o =>
                    {
                        o.ManifestPath = ClaimCmr;
                        o.LedgerPath = ledger;
                    });
                })
                .Configure(app =>
                {
                    app.UseConsentry();
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapGet("/set", (HttpContext c) =>
                    {
                        c.Response.Cookies.Append("ph_id", "1");
                        return "ok";
                    }));
                }))
            .Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var config = await client.GetAsync("/consentry/config.json", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            using var response = await client.GetAsync("/set", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(ledger)!, recursive: true);
        }
    }
}
