using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>
/// Loads one page of a visit: its answer must arrive within the page timeout; what it is (HTML, on the site) is
/// judged as soon as it arrives; then the load event is awaited for the rest of the page timeout, the network
/// to go quiet, and the page itself to settle (no DOM change, cookie or storage write for 500 ms), each for at most
/// the quiet timeout. A page that does not finish loading, or keeps polling,
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

    /// <summary>Waits until the page's network has been quiet for 500 ms, for at most <paramref name="quiet"/>; a page that never goes quiet (polling, streaming) is taken as it is then.</summary>
    public static async Task QuietAsync(Tab tab, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var idle = tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = (float)quiet.TotalMilliseconds });
        await PageCalls.TryAsync(idle, cancellationToken, quiet + PageCalls.Limit);
    }

    /// <summary>
    /// Waits for the network to go quiet (<see cref="QuietAsync"/>), then until the page itself has been still for
    /// 500 ms (no DOM change, cookie or storage write), or 150 ms when nothing it scheduled is pending, each for at most
    /// <paramref name="quiet"/>: a cookie a timer sets after the network went quiet is in the jar before the page is read.
    /// </summary>
    public static async Task SettledAsync(Tab tab, TimeSpan quiet, CancellationToken cancellationToken)
    {
        await QuietAsync(tab, quiet, cancellationToken);
        await tab.CallAsync(p => p.EvaluateAsync<bool>(PageScripts.Settled, new { quiet = 500, fast = 150, max = quiet.TotalMilliseconds }), cancellationToken, quiet + PageCalls.Limit);
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
