using Consentry.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consentry.Browser.Tests;

/// <summary>
/// Through the Consentry server: casemgmt.io (essential only) publishes a material revision in its watched folder;
/// a visitor who came before is told on the next visit, in Chromium, on the server's banner preview page.
/// </summary>
public sealed class ServerNoticeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AVisitorWhoCameBeforeAMaterialRevisionIsToldOnTheNextVisit()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("consentry-server-notice-").FullName;
        var manifest = Path.Combine(dir, "sites", "casemgmt", "cookies.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        var yaml = await File.ReadAllTextAsync(RepoPaths.Example("casemgmt"), ct);
        await File.WriteAllTextAsync(manifest, yaml, ct);
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(dir, "ledger.db"), Manifests = Path.Combine(dir, "sites"), VerifyEvery = TimeSpan.Zero };
        await using var app = ConsentryServer.Build(options, b => b.Logging.ClearProviders());
        await app.StartAsync(ct);
        try
        {
            var origin = app.Urls.First();
            await using var context = await fixture.Browser.NewContextAsync();
            context.SetDefaultTimeout(Visit.HangLimitMs);
            var page = await context.NewPageAsync();
            await page.GotoAsync(origin + "/sites/casemgmt/preview");
            await page.WaitForFunctionAsync("() => localStorage.getItem('consentry-revision') === '1'");
            await Expect(page.Locator(".cy-notice")).ToHaveCountAsync(0);

            // The site's team publishes a material change: the watched folder's manifest gains a purpose and a history entry.
            await File.WriteAllTextAsync(manifest, yaml.Replace("Remembers light/dark mode preference", "Remembers light/dark mode preference and measures which theme is used", StringComparison.Ordinal)
                + "  - date: 2026-11-30\n    summary: The theme cookie now also measures which theme is used.\n    material: true\n", ct);
            using (var http = new HttpClient { BaseAddress = new Uri(origin) })
            using (var hang = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                hang.CancelAfter(TimeSpan.FromMinutes(2));
                while (!(await http.GetStringAsync("/sites/casemgmt/config.json", hang.Token)).Contains("\"revision\":2,", StringComparison.Ordinal))
                {
                    await Task.Delay(200, hang.Token);
                }
            }

            // The visitor comes back.
            await page.GotoAsync(origin + "/sites/casemgmt/preview");
            var notice = page.GetByRole(AriaRole.Status);
            await Expect(notice).ToContainTextAsync("We updated our cookie policy on 2026-11-30: The theme cookie now also measures which theme is used.");
            await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "Cookie policy" })).ToHaveAttributeAsync("href", origin + "/sites/casemgmt/policy");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "server-policy-notice.png") });
            await page.GotoAsync(origin + "/sites/casemgmt/preview");
            await page.WaitForFunctionAsync("() => window.consentry && window.consentry.ready");
            await Expect(page.Locator(".cy-notice")).ToHaveCountAsync(0);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
