using Consentry.Cli.Serving;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consentry.Browser.Tests;

/// <summary>
/// A site without a banner (ConnectWyze, essential only) publishes a material revision: a returning visitor is told
/// once, in a small dismissible notice linking to the policy; a first-time visitor is not.
/// </summary>
public sealed class PolicyNoticeTests(BrowserFixture fixture)
{
    private const string Change = "  - date: 2026-11-30\n    summary: The sidebar state is now kept in localStorage for 30 days.\n    material: true\n";

    [Fact]
    public async Task AReturningVisitorOfASiteWithoutABannerIsToldOnceOfAMaterialChange()
    {
        var dir = Directory.CreateTempSubdirectory("consentry-notice-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "sites", "connectwyze"));
        await File.WriteAllTextAsync(Path.Combine(dir, "sites", "connectwyze", "cookies.yaml"), await File.ReadAllTextAsync(RepoPaths.Example("connectwyze"), TestContext.Current.CancellationToken) + Change, TestContext.Current.CancellationToken);
        await using var server = SiteServer.Sites(Path.Combine(dir, "sites"), "http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(dir, "ledger.db")));
        await server.StartAsync(TestContext.Current.CancellationToken);
        var origin = server.Urls.First();
        await using var context = await fixture.Browser.NewContextAsync();
        context.SetDefaultTimeout(Visit.HangLimitMs);
        await context.RouteAsync(origin + "/page", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = "<!DOCTYPE html><html lang=\"en\"><title>ConnectWyze</title><main><h1>Workspace</h1></main><script src=\"/sites/connectwyze/banner.js\" defer></script></html>",
        }));
        var page = await context.NewPageAsync();

        // First visit: nothing to announce; the revision is remembered.
        await page.GotoAsync(origin + "/page");
        await page.WaitForFunctionAsync("() => localStorage.getItem('consentry-revision') === '2'");
        await Expect(page.Locator(".cy-notice")).ToHaveCountAsync(0);
        await Expect(page.Locator(".cy")).ToHaveCountAsync(0);

        // A visitor who last saw revision 1 comes back.
        await page.EvaluateAsync("() => localStorage.setItem('consentry-revision', '1')");
        await page.ReloadAsync();
        var notice = page.GetByRole(AriaRole.Status);
        await Expect(notice).ToContainTextAsync("We updated our cookie policy on 2026-11-30: The sidebar state is now kept in localStorage for 30 days.");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Cookie policy" })).ToHaveAttributeAsync("href", origin + "/sites/connectwyze/policy");
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "policy-notice.png") });
        await notice.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.Locator(".cy-notice")).ToHaveCountAsync(0);

        // Once per revision.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.consentry && window.consentry.ready");
        await page.EvaluateAsync("() => window.consentry.ready");
        await Expect(page.Locator(".cy-notice")).ToHaveCountAsync(0);
        await server.StopAsync(TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
