using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// The sites a host serves, and which one each request belongs to. An app using <c>AddConsentry</c> has one;
/// a host of several (<see cref="ConsentryServiceCollectionExtensions.AddConsentrySites"/>) tells them apart
/// by host name, path prefix or anything else a request shows. The first site whose test matches wins.
/// Sites may be added and replaced while requests are served (a server publishing a new revision):
/// each request sees one consistent set.
/// </summary>
public sealed class ConsentrySites
{
    private readonly Lock _write = new();
    // An array, replaced whole on a change: Resolve walks it on every request without allocating an enumerator.
    private volatile (ConsentrySite Site, Func<HttpContext, bool> Matches)[] _sites = [];

    /// <summary>Every site, in the order added.</summary>
    public IEnumerable<ConsentrySite> All => _sites.Select(s => s.Site);

    internal static ConsentrySites Single(ConsentrySite site)
    {
        var sites = new ConsentrySites();
        sites.Add(site, _ => true);
        return sites;
    }

    /// <summary>Adds a site and the test telling which requests belong to it.</summary>
    public void Add(ConsentrySite site, Func<HttpContext, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(matches);
        lock (_write)
        {
            _sites = [.. _sites, (site, matches)];
        }
    }

    /// <summary>
    /// Adds the site, or replaces the one with the same <see cref="ConsentrySite.SiteId"/> in its place (a new
    /// revision of its manifest): requests resolved from then on get the new one.
    /// </summary>
    public void Set(ConsentrySite site, Func<HttpContext, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(matches);
        lock (_write)
        {
            var list = _sites.ToList();
            var at = list.FindIndex(s => s.Site.SiteId == site.SiteId);
            if (at < 0)
            {
                list.Add((site, matches));
            }
            else
            {
                list[at] = (site, matches);
            }

            _sites = [.. list];
        }
    }

    /// <summary>The site with this id, or null.</summary>
    public ConsentrySite? Find(string siteId)
    {
        foreach (var (site, _) in _sites)
        {
            if (site.SiteId == siteId)
            {
                return site;
            }
        }

        return null;
    }

    /// <summary>The site for this request, or null when it belongs to none (e.g. an index page).</summary>
    public ConsentrySite? Resolve(HttpContext context)
    {
        foreach (var (site, matches) in _sites)
        {
            if (matches(context))
            {
                return site;
            }
        }

        return null;
    }
}
