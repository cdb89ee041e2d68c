using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// The one Chromium a scan's three visits share: started on a temporary profile that keeps third-party cookies (a
/// default one blocks them, reason UserPreferences, and the scan would under-report), whose off-the-record contexts
/// keep that setting. Each visit gets a context of its own (<see cref="NewContextAsync"/>): cookies, storage, cache
/// and service workers isolated from the others, in one browser process instead of three.
/// </summary>
internal sealed class ScanBrowser : IAsyncDisposable
{
    private readonly string _profile;
    private readonly IBrowserContext _persistent;

    private ScanBrowser(string profile, IBrowserContext persistent)
    {
        _profile = profile;
        _persistent = persistent;
    }

    public string? Version => _persistent.Browser?.Version;

    public static async Task<ScanBrowser> LaunchAsync(IPlaywright playwright, string exe, ScanOptions options, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("consentry-scan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(profile, "Default"));
            await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"), "{\"profile\":{\"cookie_controls_mode\":0,\"block_third_party_cookies\":false}}", cancellationToken);
            var persistent = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = exe,
                Headless = true,
                Args = [.. ChromiumFlags.All, .. options.BrowserArgs],
                IgnoreHTTPSErrors = true,
                Timeout = 60_000,
            }).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return new ScanBrowser(profile, persistent);
        }
        catch
        {
            await ProfileCleanup.RemoveAsync(profile);
            throw;
        }
    }

    /// <summary>A fresh, isolated context for one visit, with the scanner's page scripts in every page and frame.</summary>
    public async Task<IBrowserContext> NewContextAsync(CancellationToken cancellationToken)
    {
        var browser = _persistent.Browser ?? throw new PlaywrightException("Chromium offers no browser for new contexts.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true }).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        try
        {
            await context.AddInitScriptAsync(PageScripts.CookieHook);
            await context.AddInitScriptAsync(PageScripts.ActivityWatch);
            return context;
        }
        catch
        {
            await PageCalls.TryAsync(context.CloseAsync(), CancellationToken.None, TimeSpan.FromSeconds(15));
            throw;
        }
    }

    /// <summary>Closes the browser (bounded), ends any of its processes still running, and removes the profile.</summary>
    public async ValueTask DisposeAsync()
    {
        await PageCalls.TryAsync(_persistent.CloseAsync(), CancellationToken.None, TimeSpan.FromSeconds(15));
        await ProfileCleanup.RemoveAsync(_profile);
    }
}
