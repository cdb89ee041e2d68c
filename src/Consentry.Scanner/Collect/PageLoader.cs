using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Loads one page of a visit: its answer must arrive within the page timeout; what it is (HTML, on the site) is
/// judged as soon as it arrives; then the load event is awaited for the rest of the page timeout, the network
/// to go quiet (nothing in flight, nothing begun or ended for 150 ms), and the page itself to settle (no DOM change,
/// cookie or storage write for 500 ms, 150 ms when nothing it scheduled is pending), for at most the quiet timeout. A page that does not finish loading, or keeps polling,
/// is scanned as it is then. Every wait is bounded, also when the page's main thread never frees.
/// </summary>
internal static class PageLoader
{
    public static async Task<PageLoad> LoadAsync(Tab tab, Uri url, Uri start, ScanOptions options, CancellationToken cancellationToken)
    {
        var page = tab.Page;
        var timeout = options.PageTimeout;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IResponse? response;
        tab.Network.Forget();
        try
        {
            response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)timeout.TotalMilliseconds })
                .WaitAsync(timeout + PageCalls.Limit, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException or OperationCanceledException)
        {
            if (tab.Guard?.Drain() is [var refused, ..])
            {
                return PageLoad.Failed($"{url}: redirected off-site to {refused}; not requested");
            }

            return PageLoad.Failed(e is OperationCanceledException ? $"{url}: not loaded, the scan's time was up" : $"{url}: {FirstLine(e.Message)}");
        }

        if (response is { } r && !(r.Headers.TryGetValue("content-type", out var type) && type.Contains("html", StringComparison.OrdinalIgnoreCase)))
        {
            return PageLoad.Failed($"{url}: not an HTML page ({(r.Headers.TryGetValue("content-type", out var t) ? t : "no content type")})");
        }

        if (response is not null && !Scope.InScope(page.Url, start))
        {
            return PageLoad.Failed($"{url}: redirected off-site to {page.Url}; not followed");
        }

        string? note = null;
        var left = timeout - clock.Elapsed;
        var (answered, finished) = await tab.CallAsync(p => Done(p.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = (float)Math.Max(left.TotalMilliseconds, 250) })), cancellationToken, left + PageCalls.Limit);
        if (!answered || !finished)
        {
            note = $"{url}: still loading after {timeout.TotalSeconds:0.#} s (--page-timeout); scanned as far as it had loaded";
        }

        await SettledAsync(tab, options.QuietTimeout, cancellationToken);
        if (!Scope.InScope(page.Url, start))
        {
            return PageLoad.Failed($"{url}: the page navigated itself off-site to {page.Url}; not scanned as the site's page");
        }

        if (tab.Guard?.Drain() is [var away, ..])
        {
            note = (note is null ? "" : note + "; ") + $"{url}: the page tried to navigate to {away} (another site); not followed, scanned as it was";
        }

        return new PageLoad(true, note);
    }

    /// <summary>How long nothing may be in flight, begun or ended, for the page's network to count as quiet.</summary>
    private static readonly TimeSpan NetworkWindow = TimeSpan.FromMilliseconds(150);

    /// <summary>Waits until the page's network has been quiet (<see cref="NetworkWatch"/>), for at most <paramref name="quiet"/>; false when the bound came first: a page that never goes quiet (polling, streaming) is taken as it is then.</summary>
    public static Task<bool> QuietAsync(Tab tab, TimeSpan quiet, CancellationToken cancellationToken) =>
        tab.Network.QuietAsync(NetworkWindow, quiet, cancellationToken);

    /// <summary>
    /// Waits for the network to go quiet (<see cref="QuietAsync"/>), then until the page itself has been still for
    /// 500 ms (no DOM change, cookie or storage write), or 150 ms when nothing it scheduled is pending; a request begun
    /// meanwhile (an image a script added, a beacon) starts both waits again, as its answer may set a cookie the page
    /// cannot see. All of it for at most <paramref name="quiet"/>, so a cookie a timer or a late request sets is in the
    /// jar before the page is read.
    /// </summary>
    public static async Task SettledAsync(Tab tab, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!tab.Unresponsive && !cancellationToken.IsCancellationRequested)
        {
            var left = quiet - clock.Elapsed;
            if (left <= TimeSpan.Zero || !await QuietAsync(tab, left, cancellationToken))
            {
                return;
            }

            var begun = tab.Network.Started;
            left = quiet - clock.Elapsed;
            await tab.CallAsync(p => p.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, fast = 150, max = Math.Max(left.TotalMilliseconds, 1) }), cancellationToken, left + PageCalls.Limit);
            if (tab.Network.Started == begun)
            {
                return;
            }
        }
    }

    private static async Task<bool> Done(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static string FirstLine(string s) => s.Split('\n')[0];
}
