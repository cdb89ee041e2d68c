using Consentry.Scanner;
using Consentry.Scanner.Collect;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>A page is read once it has settled: what its own timers write after load is there by then, however busy the machine.</summary>
public sealed class ScannerSettleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ACookieATimerSetsAfterLoadIsInTheJarOnceThePageHasSettled()
    {
        await using var context = await WatchedContextAsync();
        // late_c is a functional cookie and the page carries Consentry's banner: without a choice the banner deletes it
        // once its configuration arrives, which on a busy machine can be after the timer wrote it. A visitor who allowed
        // functional cookies keeps it, so what is measured is the settling alone.
        var choice = Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(new { v = 1, id = "0000000000000000000000000000000f", r = 99, c = new[] { "necessary", "functional" }, s = Array.Empty<string>(), t = 1, u = 1, m = "custom", l = "en" }));
        await context.AddCookiesAsync([new Cookie { Name = "shop_consent", Value = choice, Url = fixture.ScanShop.ToString() }]);
        var page = await context.NewPageAsync();
        // The shop's start page sets late_c from a 400 ms timer: read at once after load, it is not there yet.
        await page.GotoAsync(fixture.ScanShop.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = Visit.HangLimitMs });
        Assert.True(await page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, max = 60_000 }), "the page never settled");

        // Settled means the timer has run: its write is in the page's record at once (the scanner keeps it from there)…
        var writes = await page.EvaluateAsync<string[][]>(PageScripts.CookieWrites, 100);
        Assert.Contains(writes, w => w[0] == "late_c" && w[1] == "late_c=1; Path=/; Max-Age=3600" && w[3] == "script");

        // …and the browser's cookie store has it a moment later (the renderer passes it on without waiting; on a
        // machine with two CPU hogs it was seen to lag the settled page): wait for it, a hang-only ceiling.
        await Eventually.UntilAsync(async () => (await context.CookiesAsync()).Any(c => c.Name == "late_c"), "late_c in the browser's cookie store", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task APageWithNothingLeftToDoSettlesWithoutWaitingOutTheFullQuietWindow()
    {
        await using var context = await ContextAsync("<p>Nothing scheduled</p>");
        var page = await OpenAsync(context);
        Assert.True(await page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, fast = 150, max = 60_000 }), "the page never settled");
        Assert.Equal("fast", await page.EvaluateAsync<string>("() => window.__consentryActivity.settledBy"));
    }

    [Fact]
    public async Task ATimerThatSchedulesAnotherKeepsThePageFromSettlingEarly()
    {
        // The first timer's cookie comes at 100 ms and schedules the second's at 400 ms: were pending timers not followed,
        // 150 quiet ms after the first would end the wait before the second ran.
        await using var context = await ContextAsync("<script>setTimeout(() => { document.cookie = 'one=1'; setTimeout(() => { document.cookie = 'two=1'; }, 300); }, 100);</script>");
        var page = await OpenAsync(context);
        Assert.True(await page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, fast = 150, max = 60_000 }), "the page never settled");
        var writes = await page.EvaluateAsync<string[][]>(PageScripts.CookieWrites, 100);
        Assert.Contains(writes, w => w[0] == "one");
        Assert.Contains(writes, w => w[0] == "two");
    }

    [Fact]
    public async Task ARequestThePageIsStillWaitingForDeniesTheFastWindow()
    {
        // The fetch never gets an answer: the page may only settle by the full quiet window.
        var stalled = new TaskCompletionSource();
        await using var context = await ContextAsync("<script>fetch('/never').then(() => { document.cookie = 'late=1'; });</script>");
        await context.RouteAsync(Origin + "never", async _ => await stalled.Task);
        try
        {
            var page = await OpenAsync(context);
            await Eventually.UntilAsync(async () => await page.EvaluateAsync<int>("() => window.__consentryActivity.requests") == 1, "the fetch in flight", TestContext.Current.CancellationToken);
            Assert.True(await page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, fast = 150, max = 60_000 }), "the page never settled");
            Assert.Equal("quiet", await page.EvaluateAsync<string>("() => window.__consentryActivity.settledBy"));
        }
        finally
        {
            stalled.TrySetResult();
        }
    }

    [Fact]
    public async Task ACookieSetByAnImageTheLoadedPageRequestsIsReadWithThatPage()
    {
        // After load the page requests one image and, once it arrives, a second whose answer sets a cookie: the page's own
        // script sees neither, so only following every request the tab makes keeps the page from being read before it.
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        await using var site = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content("""
                <!DOCTYPE html><html lang="en"><title>Pixels</title><body><p>Pixels</p>
                <script>addEventListener('load', () => { const a = new Image(); a.onload = () => { new Image().src = '/pixel/2'; }; a.src = '/pixel/1'; });</script>
                </body></html>
                """, "text/html"));
            app.MapGet("/pixel/{n:int}", async (int n, HttpContext http) =>
            {
                await Task.Delay(700);
                if (n == 2)
                {
                    http.Response.Cookies.Append("pixel_late", "1");
                }

                return Results.Bytes(gif, "image/gif");
            });
        });
        var start = new Uri(site.Urls.First() + "/");
        // A quiet bound far above the two 700 ms answers: it only catches a hang, however busy the machine.
        var result = await Scan.RunAsync(new ScanOptions { Url = start, MaxPages = 1, QuietTimeout = TimeSpan.FromMinutes(1) }, null, null, TestContext.Current.CancellationToken);
        var untouched = result.Visits.Single(v => v.Kind == VisitKind.Untouched);
        var cookie = Assert.Single(untouched.Cookies, c => c.Name == "pixel_late");
        Assert.Equal(start.ToString(), cookie.FirstSeenOn);
    }

    private const string Origin = "http://settle.test/";

    /// <summary>A context with the scanner's page scripts in which <see cref="Origin"/> answers <paramref name="body"/>.</summary>
    private async Task<IBrowserContext> ContextAsync(string body)
    {
        var context = await WatchedContextAsync();
        await context.RouteAsync(Origin, r => r.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = $"<!DOCTYPE html><html lang=\"en\"><title>Settle</title><body>{body}</body></html>" }));
        return context;
    }

    /// <summary>A context with the scanner's cookie hook and activity watch in every page.</summary>
    private async Task<IBrowserContext> WatchedContextAsync()
    {
        var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(PageScripts.CookieHook);
        await context.AddInitScriptAsync(PageScripts.ActivityWatch);
        return context;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Origin, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = Visit.HangLimitMs });
        return page;
    }
}
