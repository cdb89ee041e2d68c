using System.Text.Json;
using Consentry.AspNetCore;
using Consentry.Ledger.Stores;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// Consent that follows a signed-in account, in Chromium: one account in two browser contexts (a laptop and a phone)
/// of an app that calls <c>LinkConsentAsync</c> on every page load of a signed-in visitor.
/// </summary>
public sealed class AccountLinkBrowserTests(BrowserFixture fixture)
{
    private const string Cookie = "al_consent";

    private const string Yaml = """
        site: { name: Shop, domains: [shop.localhost], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo }
        items:
          - { name: al_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: app_session, category: necessary, purpose: Keeps you signed in., duration: session }
          - { name: st_id, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
        consent: { cookie: al_consent, settings_link: footer }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private const string Page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
        <script src="/consentry/banner.js" defer></script></head>
        <body><main><h1>Shop</h1>
        <script type="text/plain" data-consent="analytics" data-service="stats">window.statsRan = true; document.cookie = 'st_id=1; Path=/';</script>
        </main><footer><a href="#" data-consentry-open>Cookie settings</a></footer></body></html>
        """;

    /// <summary>The app: <c>/sign-in?user=</c> sets its session cookie; every page load of a signed-in visitor links consent to the account.</summary>
    private static async Task<(WebApplication App, Uri Url, string Ledger)> StartAsync()
    {
        var ledger = Path.Combine(BrowserFixture.LedgerFolder, $"accounts-{Guid.NewGuid():N}.db");
        var app = await LoopbackApp.StartAsync(a =>
        {
            a.Use(async (context, next) =>
            {
                if (context.Request.Path == "/" && context.Request.Cookies["app_session"] is { Length: > 0 } user)
                {
                    await context.LinkConsentAsync(user, context.RequestAborted);
                }

                await next(context);
            });
            a.MapGet("/", () => Results.Content(Page, "text/html"));
            a.MapGet("/sign-in", (HttpContext c, string user) =>
            {
                c.Response.Cookies.Append("app_session", user, new CookieOptions { Path = "/", HttpOnly = true, IsEssential = true });
                return Results.Redirect("/");
            });
        }, Yaml, o =>
        {
            o.LedgerPath = ledger;
            o.AccountLinkSecret = "a-browser-test-account-link-secret-0123456789";
        });
        return (app, new Uri($"http://shop.localhost:{new Uri(app.Urls.First()).Port}/"), ledger);
    }

    private static Task<bool> StatsRanAsync(Visit v) => v.Page.EvaluateAsync<bool>("() => window.statsRan === true");

    /// <summary>Waits until the choice's receipt is in the ledger (the banner then keeps its leaf index in the cookie).</summary>
    private static Task StoredAsync(Visit v, long? after) =>
        Eventually.UntilAsync(async () =>
            (await v.CookiesAsync()).Any(c => c.Name == Cookie) && (await v.ConsentAsync(Cookie)).TryGetProperty("x", out var x) && x.ValueKind == JsonValueKind.Number && x.GetInt64() > (after ?? -1),
            "the choice's receipt in the ledger", TestContext.Current.CancellationToken);

    private static async Task<List<string>> MethodsAsync(string ledger)
    {
        await using var store = new SqliteReceiptStore(ledger);
        return await store.ReadAsync("shop", cancellationToken: TestContext.Current.CancellationToken).Select(e => e.ReadReceipt().Method).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AChoiceOnOneBrowserIsAppliedOnTheOtherWithoutABannerAndAWithdrawalFollowsAtTheNextLoad()
    {
        var (app, url, ledger) = await StartAsync();
        await using var _ = app;
        await using var laptop = await Visit.StartAsync(fixture);
        await using var phone = await Visit.StartAsync(fixture);

        await laptop.GoAsync(new Uri(url, "/sign-in?user=alice"));
        await Assertions.Expect(laptop.Banner).ToBeVisibleAsync();
        await laptop.ClickAsync("Accept all");
        await StoredAsync(laptop, after: null);
        var laptopConsent = await laptop.ConsentAsync(Cookie);
        await laptop.GoAsync(url);

        await phone.GoAsync(new Uri(url, "/sign-in?user=alice"));
        Assert.Equal(0, await phone.Banner.CountAsync());
        Assert.True(await StatsRanAsync(phone));
        Assert.True(await phone.HasCookieAsync("st_id"));
        var applied = await phone.ConsentAsync(Cookie);
        Assert.Equal(laptopConsent.GetProperty("id").GetString(), applied.GetProperty("id").GetString());
        Assert.Equal("linked", applied.GetProperty("m").GetString());
        Assert.Contains("analytics", applied.GetProperty("c").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["accept-all", "linked"], await MethodsAsync(ledger));

        await laptop.Page.GetByRole(AriaRole.Link, new() { Name = "Cookie settings" }).ClickAsync();
        await laptop.ClickAsync("Reject all");
        await StoredAsync(laptop, after: laptopConsent.GetProperty("x").GetInt64());
        await phone.GoAsync(url);

        Assert.Equal(0, await phone.Banner.CountAsync());
        Assert.False(await StatsRanAsync(phone));
        Assert.False(await phone.HasCookieAsync("st_id"));
        Assert.DoesNotContain("analytics", (await phone.ConsentAsync(Cookie)).GetProperty("c").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["accept-all", "linked", "withdraw", "linked"], await MethodsAsync(ledger));
    }

    [Fact]
    public async Task AnotherAccountOnTheSameSiteIsStillAsked()
    {
        var (app, url, _) = await StartAsync();
        await using var __ = app;
        await using var laptop = await Visit.StartAsync(fixture);
        await using var other = await Visit.StartAsync(fixture);
        await laptop.GoAsync(new Uri(url, "/sign-in?user=alice"));
        await laptop.ClickAsync("Reject all");
        await StoredAsync(laptop, after: null);
        await laptop.GoAsync(url);

        await other.GoAsync(new Uri(url, "/sign-in?user=bob"));

        await Assertions.Expect(other.Banner).ToBeVisibleAsync();
        Assert.False(await other.HasCookieAsync(Cookie));
    }
}
