using Consentry.Domains;
using Microsoft.Playwright;

namespace Consentry.Scanner.Collect;

/// <summary>Credits each cookie of a visit's jar to the page it came from, as the visit's pages are read (one at a time).</summary>
internal sealed class CookieAttribution(IBrowserContext context, VisitHarvest harvest, CrawlFrontier frontier, Uri start)
{
    private string? _lastRead;

    /// <summary>
    /// Which page a cookie came from: the page whose responses carried its Set-Cookie line, or whose script wrote it
    /// (read in the harvest). A new cookie in the jar that neither explains is the page's only when no other page is
    /// in hand; else it waits for the next page read (the jar is shared by the visit's tabs).
    /// </summary>
    public async Task AttributeAsync(Tab tab, PageLoad load, CancellationToken cancellationToken)
    {
        var setOn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in tab.Recorder?.Drain() ?? [])
        {
            if (load.Scanned && line.BlockedReasons.Count == 0)
            {
                setOn.TryAdd(line.Name, tab.Page.Url);
            }

            harvest.AddSetCookie(line);
        }

        var (answered, _, jar) = await PageCalls.TryAsync(context.CookiesAsync(), cancellationToken);
        if (!answered || jar is null)
        {
            return;
        }

        _lastRead = load.Scanned ? tab.Page.Url : _lastRead;
        var unexplained = frontier.InHand <= 1 ? _lastRead : null;
        foreach (var c in jar)
        {
            var key = (c.Name, c.Domain, c.Path);
            var transient = harvest.Cookies.Keys.FirstOrDefault(k => k.Name == c.Name && harvest.Cookies[k].Transient);
            if (transient != default)
            {
                var seenOn = harvest.Cookies[transient].FirstSeenOn;
                harvest.Cookies.Remove(transient);
                harvest.AddCookie(key, Observe(c, seenOn));
            }
            else if (!harvest.Cookies.ContainsKey(key) && (setOn.GetValueOrDefault(c.Name) ?? unexplained) is { } page)
            {
                harvest.AddCookie(key, Observe(c, page));
            }
        }
    }

    private ObservedCookie Observe(BrowserContextCookiesResult c, string page) =>
        new(c.Name, c.Domain, c.Path, c.Expires > 0 ? c.Expires : null, c.Secure, c.HttpOnly, c.SameSite.ToString(), !Scope.SameSite(c.Domain.TrimStart('.'), start.Host, PublicSuffixList.Installed), page)
        {
            PartitionKey = string.IsNullOrEmpty(c.PartitionKey) ? null : c.PartitionKey,
        };
}
