using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The one Chromium a scan runs in: started on a temporary profile whose preferences keep third-party cookies
/// (a default profile blocks them, reason UserPreferences, and the scan would under-report), with each visit in
/// a browser context of its own (its own cookies and storage, as three separate visitors have). Closed, and its
/// profile removed, whatever happens.
/// </summary>
internal sealed class ScanBrowser : IAsyncDisposable
{
    private readonly string _profile;
    private readonly IBrowserContext _launched;
    private readonly IBrowser _browser;

    private ScanBrowser(string profile, IBrowserContext launched, IBrowser browser)
    {
        _profile = profile;
        _launched = launched;
        _browser = browser;
    }

    public string Version => _browser.Version;

    public static async Task<ScanBrowser> LaunchAsync(IPlaywright playwright, string exe, ScanOptions options, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("consentry-scan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(profile, "Default"));
            await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), "{\"profile\":{\"cookie_controls_mode\":0,\"block_third_party_cookies\":false}}", cancellationToken);
            var launched = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = exe,
                Headless = true,
                Args = [.. ChromiumFlags.All, .. options.BrowserArgs],
                Timeout = 60_000,
            }).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            var browser = launched.Browser ?? throw new PlaywrightException("Chromium started without a browser to open contexts in.");

            // The launch's own blank tab would hold a renderer for nothing.
            foreach (var page in launched.Pages.ToList())
            {
                await PageCalls.TryAsync(page.CloseAsync(), cancellationToken);
            }

            return new ScanBrowser(profile, launched, browser);
        }
        catch
        {
            await ProfileCleanup.RemoveAsync(profile);
            throw;
        }
    }

    /// <summary>A context for one visit, with the scanner's page scripts in every page and frame of it (<c>window.open</c> blocked).</summary>
    public async Task<IBrowserContext> NewVisitContextAsync(CancellationToken cancellationToken)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true }).WaitAsync(PageCalls.Limit * 3, cancellationToken);
        await context.AddInitScriptAsync(PageScripts.CookieHook);
        await context.AddInitScriptAsync(PageScripts.ActivityWatch);
        await context.AddInitScriptAsync(PageScripts.PopupBlocker);
        return context;
    }

    /// <summary>Closes the browser (bounded), ends any of its processes still running, and removes the profile.</summary>
    public async ValueTask DisposeAsync()
    {
        await PageCalls.TryAsync(_launched.CloseAsync(), CancellationToken.None, TimeSpan.FromSeconds(15));
        await ProfileCleanup.RemoveAsync(_profile);
    }
}
