using Microsoft.AspNetCore.Http;

namespace Consentry.AspNetCore;

/// <summary>
/// The sites a host serves, and which one each request belongs to. An app using <c>AddConsentry</c> has one;
/// a host of several (<see cref="ConsentryServiceCollectionExtensions.AddConsentrySites"/>) tells them apart
/// by host name, path prefix or anything else a request shows. The first site whose test matches wins.
/// </summary>
public sealed class ConsentrySites
{
    private readonly List<(ConsentrySite Site, Func<HttpContext, bool> Matches)> _sites = [];

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
        _sites.Add((site, matches));
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
