using Consentry.Ledger.Export;
using Consentry.Ledger.Receipts;
using Consentry.Ledger.Stores;
using Consentry.Server;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consentry.Browser.Tests;

/// <summary>The admin UI in real Chromium: sign-in and lockout, adding a site with a located error, a revision's redline, a visitor's records and their download, an export, the statistics chart; every page keyboard-usable and axe-clean, with screenshots.</summary>
public sealed class AdminUiBrowserTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly string _folder = Directory.CreateTempSubdirectory("consentry-admin-ui-").FullName;
    private WebApplication? _server;
    private IBrowserContext? _context;

    private string Database => Path.Combine(_folder, "ledger.db");

    private Uri Address => new(_server!.Urls.First());

    public async ValueTask InitializeAsync()
    {
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = Database, VerifyEvery = TimeSpan.Zero };
        Assert.Null((await ConsentryServer.AddAccountAsync(options, "admin@example.com", "admin", Password)).Problem);
        Assert.Null((await ConsentryServer.AddAccountAsync(options, "auditor@example.com", "auditor", Password)).Problem);
        _server = ConsentryServer.Build(options, b => b.Logging.ClearProviders());
        await _server.StartAsync();
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        _context.SetDefaultTimeout(Visit.HangLimitMs);
        _context.SetDefaultNavigationTimeout(Visit.HangLimitMs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task AxeCleanAsync(IPage page, string screenshot)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", result.Violations.Select(x => $"{x.Id}: {x.Help} ({string.Join(", ", x.Nodes.Select(n => n.Html))})")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"admin-{screenshot}.png"), FullPage = true });
    }

    private async Task<IPage> SignInAsync(string email = "admin@example.com")
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(new Uri(Address, "/admin").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sites" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task AnAdminSignsInAddsASiteFixesALocatedErrorAndReadsTheRedline()
    {
        var page = await _context!.NewPageAsync();
        await page.GotoAsync(new Uri(Address, "/admin").ToString());
        await AxeCleanAsync(page, "login");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.CloseAsync();

        page = await SignInAsync();
        var cookie = Assert.Single(await _context.CookiesAsync(), c => c.Name == "__Host-consentry-admin");
        Assert.True(cookie.Secure && cookie.HttpOnly && cookie.SameSite == SameSiteAttribute.Strict);
        await AxeCleanAsync(page, "sites-empty");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a site" }).First.ClickAsync();
        var manifest = File.ReadAllText(RepoPaths.Example("claimcmr"));
        await page.GetByLabel("Site id").FillAsync("acme");
        await page.GetByLabel("…or its text").FillAsync(manifest.Replace("duration: 1y", "duration: forever", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"cookies\.yaml:\d+:\d+: error CN\d{4}"));
        await AxeCleanAsync(page, "add-site-error");

        await page.GetByLabel("…or its text").FillAsync(manifest);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The site was added");
        await AxeCleanAsync(page, "site");

        await page.GotoAsync(new Uri(Address, "/admin/sites/add?site=acme").ToString());
        await page.GetByLabel("Site id").FillAsync("acme");
        await page.GetByLabel("…or its text").FillAsync(manifest.Replace("Authenticates your login session.", "Authenticates your log-in session.", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The new revision is served now");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the difference" }).ClickAsync();
        await Expect(page.Locator(".redline del")).ToContainTextAsync("login");
        await Expect(page.Locator(".redline ins")).ToContainTextAsync("log-in");
        await AxeCleanAsync(page, "redline");
    }

    [Fact]
    public async Task AnAuditorLooksUpAVisitorDownloadsTheProofExportsAndSeesTheChart()
    {
        var admin = await SignInAsync();
        await admin.GotoAsync(new Uri(Address, "/admin/sites/add").ToString());
        await admin.GetByLabel("Site id").FillAsync("acme");
        await admin.GetByLabel("…or its text").FillAsync(File.ReadAllText(RepoPaths.Example("claimcmr")));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Check and publish" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The site was added");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        var day = new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
        var visitor = new string('7', 32);
        await using (var store = new SqliteReceiptStore(Database))
        {
            var methods = new[] { "accept-all", "reject-all", "custom", "accept-all", "gpc", "withdraw" };
            await store.AppendAsync([.. methods.Select((m, i) => SerializedReceipt.From(new ConsentReceipt
            {
                Site = "acme", ConsentId = i == 0 || i == 5 ? visitor : (i + 100).ToString("x32", System.Globalization.CultureInfo.InvariantCulture), ReceiptId = (i + 900).ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
                Revision = 1, PolicyHash = new string('a', 64), Categories = new Dictionary<string, bool> { ["necessary"] = true, ["analytics"] = m is "accept-all" or "custom" },
                Services = new Dictionary<string, bool>(), Method = m, Language = "en", PageUrl = "https://claimcmr.com/", UserAgentFamily = "Chrome", ServerTime = day.AddDays(i),
            }))], TestContext.Current.CancellationToken);
        }

        var page = await SignInAsync("auditor@example.com");
        await page.GotoAsync(new Uri(Address, "/admin/sites/acme/records").ToString());
        await page.GetByLabel("Consent id").FillAsync(visitor);
        await page.GetByLabel("Consent id").PressAsync("Enter");
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);
        await AxeCleanAsync(page, "records");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download with proof" }).ClickAsync());
        using (var reader = File.OpenText(await download.PathAsync()))
        {
            var verified = LedgerExport.VerifyJsonLines(reader);
            Assert.True(verified.Verified, string.Join("; ", verified.Problems));
            Assert.Equal(2, verified.Entries);
        }

        await page.GetByLabel("From").FillAsync("2026-10-01");
        await page.GetByLabel("To (not included)").FillAsync("2026-11-01");
        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync());
        using (var reader = File.OpenText(await export.PathAsync()))
        {
            Assert.Equal(6, LedgerExport.VerifyJsonLines(reader).Entries);
        }

        await page.GotoAsync(new Uri(Address, "/admin/sites/acme/stats?from=2026-10-01&to=2026-11-01&by=day").ToString());
        await Expect(page.Locator("figure svg rect")).ToHaveCountAsync(6);
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(6);
        await AxeCleanAsync(page, "stats");
        await page.GotoAsync(new Uri(Address, "/admin/audit").ToString());
        await Expect(page.Locator("main table")).ToContainTextAsync("records.download");
        await AxeCleanAsync(page, "audit");
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountAndTheRightOneThenFails()
    {
        var page = await _context!.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync(new Uri(Address, "/admin/login").ToString());
            await page.GetByLabel("E-mail").FillAsync("auditor@example.com");
            await page.GetByLabel("Password").FillAsync("wrong " + i);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await page.GetByLabel("E-mail").FillAsync("auditor@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        await AxeCleanAsync(page, "locked");
    }
}
