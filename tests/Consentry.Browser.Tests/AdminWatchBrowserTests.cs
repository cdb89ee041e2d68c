using System.Net;
using Consentry.Cli.Inbox;
using Consentry.Cli.Serving;
using Consentry.Server;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consentry.Browser.Tests;

/// <summary>
/// What a newcomer does, in Chromium: schedule a scan of the demo site, break the site, see the drift in the admin
/// UI and get the alert by e-mail and webhook (the local inbox); publish a material revision and send its notice.
/// </summary>
public sealed class AdminWatchBrowserTests(BrowserFixture fixture)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task AnAdminScansTheDemoBreaksItSeesTheDriftGetsTheAlertsAndSendsTheNoticeOfARevision()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("consentry-watch-ui-").FullName;
        await using var demo = SiteServer.Demo("http://127.0.0.1:0", TextWriter.Null, new SiteServer.Settings(Path.Combine(folder, "demo.db")));
        await demo.StartAsync(ct);
        var demoPort = new Uri(demo.Urls.First()).Port;
        using var inboxLog = new StringWriter();
        // The inbox binds port 0 for both and says which it got: no other test can take them in between.
        await using var inbox = await DevInbox.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "http://127.0.0.1:0", Path.Combine(folder, "inbox"), null, TextWriter.Synchronized(inboxLog), ct);
        var smtp = inbox.SmtpEndpoint;
        var hooks = inbox.HttpAddress.GetLeftPart(UriPartial.Authority);
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(folder, "ledger.db"), VerifyEvery = TimeSpan.Zero };
        (options.Smtp.Host, options.Smtp.Port, options.Smtp.Security) = ("127.0.0.1", smtp.Port, "none");
        options.Notifications.PollEvery = TimeSpan.FromMilliseconds(200);
        options.Notices.PerSecond = 0;
        Assert.Null((await ConsentryServer.AddAccountAsync(options, "admin@example.com", "admin", Password, ct)).Problem);
        await using var server = ConsentryServer.Build(options, b => b.Logging.ClearProviders());
        await server.StartAsync(ct);
        var address = new Uri(server.Urls.First());
        await using var context = await fixture.Browser.NewContextAsync();
        context.SetDefaultTimeout(Visit.HangLimitMs);
        context.SetDefaultNavigationTimeout(Visit.HangLimitMs);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(address, "/admin").ToString());
            await page.GetByLabel("E-mail").FillAsync("admin@example.com");
            await page.GetByLabel("Password").FillAsync(Password);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sites" })).ToBeVisibleAsync();
            await page.GotoAsync(new Uri(address, "/admin/sites/add").ToString());
            await page.GetByLabel("Site id").FillAsync("claimcmr");
            await page.GetByLabel("…or its text").FillAsync(File.ReadAllText(RepoPaths.Example("claimcmr")));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The site was added");

            // Alerts: a webhook and an e-mail address, both at the local inbox.
            await page.GotoAsync(new Uri(address, "/admin/alerts").ToString());
            foreach (var (kind, name, target) in new[] { ("webhook", "ops webhook", hooks + "/hooks"), ("email", "web team", "web-team@example.com") })
            {
                await page.GetByLabel("Name").FillAsync(name);
                await page.GetByLabel("Kind").SelectOptionAsync(kind);
                await page.GetByLabel("Webhook URL, or e-mail addresses").FillAsync(target);
                await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Channel '{name}' added.");
            }

            await AxeCleanAsync(page, "alerts");

            // A schedule for the demo's ClaimCMR, and a first scan now.
            await page.GotoAsync(new Uri(address, "/admin/sites/claimcmr/scans").ToString());
            await page.GetByLabel("Start page").FillAsync($"http://claimcmr.localhost:{demoPort}/");
            await page.GetByLabel("Pages per visit, at most").FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the schedule" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Schedule saved.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();
            await WaitForRowsAsync(page, "first scan", 1);

            // The site breaks: the demo's switch adds an undeclared cookie. The next scan shows it, and the alert goes out.
            var demoPage = await context.NewPageAsync();
            await demoPage.GotoAsync($"http://127.0.0.1:{demoPort}/");
            await demoPage.GetByRole(AriaRole.Button, new() { Name = "Break ClaimCMR: add an undeclared cookie" }).ClickAsync();
            await Expect(demoPage.GetByRole(AriaRole.Button, new() { Name = "Repair ClaimCMR" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();
            await WaitForRowsAsync(page, "item change(s)", 1);
            await AxeCleanAsync(page, "scans");
            await page.Locator("table tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.Locator("table").Filter(new() { HasText = "promo_ref" })).ToContainTextAsync("appeared");
            await AxeCleanAsync(page, "scan-drift");
            await WaitForAsync(() => inboxLog.ToString().Contains("hook  scan.drift", StringComparison.Ordinal) && inboxLog.ToString().Contains("mail  to web-team@example.com: [Consentry] A scan of claimcmr found drift", StringComparison.Ordinal));

            // A material revision, its notice to three account holders from a CSV file.
            await page.GotoAsync(new Uri(address, "/admin/sites/add?site=claimcmr").ToString());
            await page.GetByLabel("Site id").FillAsync("claimcmr");
            await page.GetByLabel("…or its text").FillAsync(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "demo", "claimcmr-revision-2.yaml")));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The new revision is served now");
            await page.GotoAsync(new Uri(address, "/admin/sites/claimcmr/notices").ToString());
            await page.GetByLabel("Account holders: a CSV file").SetInputFilesAsync(Path.Combine(RepoPaths.Root, "docs", "demo", "account-holders.csv"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Add recipients for revision 2" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 recipient(s) added");
            await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
            await Expect(page.Locator("pre")).ToContainTextAsync("PostHog-Daten werden jetzt auch zur Messung unserer Werbekampagnen verwendet.");
            await AxeCleanAsync(page, "notices");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the notice of revision 2 to 3 recipient(s)" }).ClickAsync();
            await WaitForRowsAsync(page, "Delivery report: done", 0);
            await Expect(page.Locator("table tbody tr").First).ToContainTextAsync("3");
            await WaitForAsync(() => inboxLog.ToString().Contains("mail  to bernd@example.de: ClaimCMR: Wir haben unsere Cookie-Richtlinie aktualisiert", StringComparison.Ordinal));
            await AxeCleanAsync(page, "notices-done");
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Loads the page again (a GET of its address) until it shows <paramref name="text"/> (in a table row when <paramref name="rows"/> is above 0); an outer limit only catches a hang.</summary>
    private static async Task WaitForRowsAsync(IPage page, string text, int rows)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(4));
        while (!(await page.ContentAsync()).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(500, hang.Token);
            await page.GotoAsync(page.Url.Split('?')[0]);
        }

        if (rows > 0)
        {
            await Expect(page.Locator("table tbody tr").Filter(new() { HasText = text })).ToHaveCountAsync(rows);
        }
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        while (!done())
        {
            await Task.Delay(100, hang.Token);
        }
    }

    private static async Task AxeCleanAsync(IPage page, string screenshot)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", result.Violations.Select(x => $"{x.Id}: {x.Help} ({string.Join(", ", x.Nodes.Select(n => n.Html))})")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"admin-{screenshot}.png"), FullPage = true });
    }
}
