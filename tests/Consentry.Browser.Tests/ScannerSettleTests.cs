using Consentry.Scanner.Collect;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>A page is read once it has settled: what its own timers write after load is there by then, however busy the machine.</summary>
public sealed class ScannerSettleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ACookieATimerSetsAfterLoadIsInTheJarOnceThePageHasSettled()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(PageScripts.CookieHook);
        await context.AddInitScriptAsync(PageScripts.ActivityWatch);
        var page = await context.NewPageAsync();
        // The shop's start page sets late_c from a 400 ms timer: read at once after load, it is not there yet.
        await page.GotoAsync(fixture.ScanShop.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = Visit.HangLimitMs });
        Assert.True(await page.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, max = 60_000 }), "the page never settled");
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "late_c");
        var writes = await page.EvaluateAsync<string[][]>(PageScripts.CookieWrites, 100);
        Assert.Contains(writes, w => w[0] == "late_c" && w[1] == "late_c=1; Path=/; Max-Age=3600" && w[3] == "script");
    }
}
