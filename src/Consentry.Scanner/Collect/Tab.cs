using Consentry.Domains;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>One tab of a visit, with what listens to it (raw Set-Cookie lines, the navigation guard), and whether it still answers.</summary>
internal sealed class Tab
{
    private Tab(IPage page, NetworkWatch network, SetCookieRecorder? recorder, NavigationGuard? guard)
    {
        Page = page;
        Network = network;
        Recorder = recorder;
        Guard = guard;
    }

    public IPage Page { get; }

    /// <summary>The tab's requests in flight.</summary>
    public NetworkWatch Network { get; }

    public SetCookieRecorder? Recorder { get; }

    public NavigationGuard? Guard { get; }

    /// <summary>True once a call into the page went unanswered: the tab is replaced before its next page.</summary>
    public bool Unresponsive { get; private set; }

    public static async Task<Tab> OpenAsync(IBrowserContext context, Uri start, ScanOptions options, VisitHarvest harvest, CancellationToken cancellationToken)
    {
        var page = await context.NewPageAsync().WaitAsync(PageCalls.Limit * 3, cancellationToken);
        page.SetDefaultTimeout((float)options.PageTimeout.TotalMilliseconds);
        var network = NetworkWatch.Attach(page);
        page.Request += (_, r) =>
        {
            if (Scope.Http(r.Url) is { } u && !Scope.SameSite(u.Host, start.Host, PublicSuffixList.Installed))
            {
                harvest.AddThirdPartyHost(u.Host);
            }
        };
        // One DevTools session of the tab's own for both listeners (each session costs an attach on the browser's side).
        var (_, _, session) = await PageCalls.TryAsync(context.NewCDPSessionAsync(page), cancellationToken);
        var recorder = session is null ? null : (await PageCalls.TryAsync(SetCookieRecorder.AttachAsync(session), cancellationToken)).Value;
        var guard = session is null ? null : await NavigationGuard.AttachAsync(session, start, cancellationToken);
        return new Tab(page, network, recorder, guard);
    }

    /// <summary>
    /// Runs a call into the page, bounded (<see cref="PageCalls"/>); a call left unanswered marks the tab
    /// unresponsive, and once it is, further calls are not made at all (each would only wait out its limit).
    /// </summary>
    public async Task<(bool Answered, T? Value)> CallAsync<T>(Func<IPage, Task<T>> call, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        if (Unresponsive)
        {
            return (false, default);
        }

        var (answered, timedOut, value) = await PageCalls.TryAsync(call(Page), cancellationToken, limit);
        Unresponsive |= timedOut;
        return (answered, value);
    }

    /// <summary>Closes the tab without running its unload handlers; bounded.</summary>
    public Task CloseAsync() => PageCalls.TryAsync(Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }), CancellationToken.None);
}
