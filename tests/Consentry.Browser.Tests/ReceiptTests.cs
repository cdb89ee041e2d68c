using System.Text.Json;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>Every choice made in the real banner becomes a receipt in the real SQLite ledger, even after a failed send.</summary>
public sealed class ReceiptTests(BrowserFixture fixture)
{
    private static Task<List<JsonElement>> ReceiptsOfAsync(string consentId) => ReceiptsOfAsync(consentId, BrowserFixture.DemoLedger, 1);

    /// <summary>Waits for the receipt count to reach <paramref name="atLeast"/>; the two-minute ceiling only catches a receipt that never comes.</summary>
    private static async Task<List<JsonElement>> ReceiptsOfAsync(string consentId, string ledger, int atLeast)
    {
        var hang = DateTimeOffset.UtcNow.AddMinutes(2);
        while (DateTimeOffset.UtcNow < hang)
        {
            await using var store = new SqliteReceiptStore(ledger);
            var found = await store.FindAsync(consentId, TestContext.Current.CancellationToken);
            if (found.Count >= atLeast)
            {
                return [.. found.Select(e => JsonDocument.Parse(e.Receipt).RootElement.Clone())];
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return [];
    }

    [Fact]
    public async Task AcceptingAndThenWithdrawingLeavesTwoReceiptsInAChainThatVerifies()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr", "/checkout?ref=mail"));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await v.ClickAsync("Accept all");
        var id = (await v.ConsentAsync("claimcmr_cookie_consent")).GetProperty("id").GetString()!;
        var first = Assert.Single(await ReceiptsOfAsync(id));
        Assert.Equal("accept-all", first.GetProperty("method").GetString());
        Assert.True(first.GetProperty("categories").GetProperty("analytics").GetBoolean());
        Assert.True(first.GetProperty("services").GetProperty("posthog").GetBoolean());
        Assert.Equal($"http://claimcmr.localhost:{fixture.DemoPort}/checkout", first.GetProperty("pageUrl").GetString());
        Assert.Equal("Chrome", first.GetProperty("userAgentFamily").GetString());

        // The ledger's answer names the receipt's leaf in the site's transparency log; the banner keeps it with the choice.
        await v.Page.WaitForFunctionAsync("() => document.cookie.includes('%22x%22')");
        var leaf = (await v.ConsentAsync("claimcmr_cookie_consent")).GetProperty("x").GetInt64();
        await using (var ledger = new SqliteReceiptStore(BrowserFixture.DemoLedger))
        {
            var entry = (await ledger.FindAsync(id, TestContext.Current.CancellationToken)).Single();
            Assert.Equal((await ledger.TreeAsync("claimcmr", TestContext.Current.CancellationToken))!.LeafIndex(entry.Sequence), leaf);
        }

        await v.Page.GetByRole(AriaRole.Link, new() { Name = "Cookie settings" }).ClickAsync();
        await v.ClickAsync("Reject all");
        var receipts = await ReceiptsOfAsync(id, BrowserFixture.DemoLedger, 2);
        Assert.Equal(["accept-all", "withdraw"], receipts.Select(r => r.GetProperty("method").GetString()));

        // Ids begin with the time they were made (ms, 12 hex digits), so the ledger's indexes on them grow at one end.
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = receipts.Select(r => r.GetProperty("receiptId").GetString()!).Prepend(id).ToList();
        Assert.All(ids, i => Assert.InRange(Convert.ToInt64(i[..12], 16), before, after));
        Assert.True(string.CompareOrdinal(ids[2], ids[1]) > 0, $"the later receipt's id {ids[2]} sorts before the earlier {ids[1]}");
        await using var store = new SqliteReceiptStore(BrowserFixture.DemoLedger);
        Assert.All(await LedgerVerifier.VerifyAsync(store, "claimcmr", TestContext.Current.CancellationToken), r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task AReceiptTheServerCouldNotTakeWaitsInTheBrowserAndIsSentOnTheNextPage()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.Page.RouteAsync("**/consentry/receipts", route => route.AbortAsync());
        await v.GoAsync(fixture.Demo("clinixai"));
        await v.ClickAsync("Reject all");
        await v.Page.WaitForFunctionAsync("() => (localStorage.getItem('consentry-pending') || '').length > 0");
        var id = (await v.ConsentAsync("clinixai-cookie-consent")).GetProperty("id").GetString()!;

        await v.Page.UnrouteAllAsync();
        await v.GoAsync(fixture.Demo("clinixai", "/dashboard"));
        var receipt = Assert.Single(await ReceiptsOfAsync(id));
        Assert.Equal("reject-all", receipt.GetProperty("method").GetString());
        await v.Page.WaitForFunctionAsync("() => localStorage.getItem('consentry-pending') === null");
    }

    [Fact]
    public async Task AReceiptWhoseAnswerWasLostIsSentAgainAndStoredOnce()
    {
        await using var v = await Visit.StartAsync(fixture);
        // The receipt reaches the server and is stored (posted here with the page's own body), but its answer never reaches the page.
        using var http = new HttpClient();
        var delivered = new List<System.Net.HttpStatusCode>();
        await v.Page.RouteAsync("**/consentry/receipts", async route =>
        {
            try
            {
                var url = new Uri(route.Request.Url);
                using var body = new StringContent(route.Request.PostData!);
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{url.Port}{url.PathAndQuery}") { Content = body };
                request.Headers.Host = url.Authority;
                using var response = await http.SendAsync(request);
                delivered.Add(response.StatusCode);
            }
            finally
            {
                await route.AbortAsync();
            }
        });
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Accept all");
        await v.Page.WaitForFunctionAsync("() => (localStorage.getItem('consentry-pending') || '').length > 0");
        var id = (await v.ConsentAsync("claimcmr_cookie_consent")).GetProperty("id").GetString()!;
        var pending = await v.LocalAsync("consentry-pending");
        Assert.Equal([System.Net.HttpStatusCode.Created], delivered);

        await v.Page.UnrouteAllAsync();
        await v.GoAsync(fixture.Demo("claimcmr", "/checkout"));
        await v.Page.WaitForFunctionAsync("() => localStorage.getItem('consentry-pending') === null");
        var stored = Assert.Single(await ReceiptsOfAsync(id));
        Assert.Contains(stored.GetProperty("receiptId").GetString()!, pending!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChoiceAfterARevisionBumpIsRecordedAsRenewed()
    {
        await using var v = await Visit.StartAsync(fixture);
        var stale = Uri.EscapeDataString(JsonSerializer.Serialize(new { v = 1, id = "00000000000000000000000000000001", r = 0, c = new[] { "necessary" }, s = Array.Empty<string>(), t = 1, u = 1, m = "reject-all", l = "en" }));
        await v.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "claimcmr_cookie_consent", Value = stale, Domain = "claimcmr.localhost", Path = "/" }]);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Accept all");
        var consent = await v.ConsentAsync("claimcmr_cookie_consent");
        Assert.Equal("renewed", consent.GetProperty("m").GetString());
        var receipt = Assert.Single(await ReceiptsOfAsync(consent.GetProperty("id").GetString()!));
        Assert.Equal("renewed", receipt.GetProperty("method").GetString());
        Assert.True(receipt.GetProperty("categories").GetProperty("analytics").GetBoolean());
    }

    private static string ShopLedger => Path.Combine(BrowserFixture.LedgerFolder, "shop.db");

    [Fact]
    public async Task AcceptAllUnderGlobalPrivacyControlIsRecordedAsGpcWithoutMarketing()
    {
        await using var v = await Visit.StartAsync(fixture, gpc: true);
        await v.GoAsync(fixture.CustomSite);
        await v.ClickAsync("Accept all");
        var id = (await v.ConsentAsync("shop_consent")).GetProperty("id").GetString()!;
        var receipt = Assert.Single(await ReceiptsOfAsync(id, ShopLedger, 1));
        Assert.Equal("gpc", receipt.GetProperty("method").GetString());
        Assert.False(receipt.GetProperty("categories").GetProperty("marketing").GetBoolean());
        Assert.True(receipt.GetProperty("categories").GetProperty("analytics").GetBoolean());
        Assert.False(receipt.GetProperty("services").GetProperty("ads").GetBoolean());
    }

    [Fact]
    public async Task RejectAllUnderGlobalPrivacyControlStaysRejectAll()
    {
        await using var v = await Visit.StartAsync(fixture, gpc: true);
        await v.GoAsync(fixture.CustomSite);
        await v.ClickAsync("Reject all");
        var id = (await v.ConsentAsync("shop_consent")).GetProperty("id").GetString()!;
        Assert.Equal("reject-all", Assert.Single(await ReceiptsOfAsync(id, ShopLedger, 1)).GetProperty("method").GetString());
    }

    [Fact]
    public async Task AMarketingConsentGivenBeforeTheSignalIsNarrowedWithAGpcReceipt()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.CustomSite);
        await v.ClickAsync("Accept all");
        Assert.True(await v.HasCookieAsync("ad_id"));
        var id = (await v.ConsentAsync("shop_consent")).GetProperty("id").GetString()!;

        // The visitor turns Global Privacy Control on in the browser, then comes back.
        await v.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        await v.GoAsync(fixture.CustomSite);
        var receipts = await ReceiptsOfAsync(id, ShopLedger, 2);
        Assert.Equal(["accept-all", "gpc"], receipts.Select(r => r.GetProperty("method").GetString()));
        Assert.False(receipts[1].GetProperty("categories").GetProperty("marketing").GetBoolean());
        Assert.True(receipts[1].GetProperty("categories").GetProperty("analytics").GetBoolean());
        Assert.DoesNotContain("marketing", (await v.ConsentAsync("shop_consent")).GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.False(await v.HasCookieAsync("ad_id"));
    }
}
